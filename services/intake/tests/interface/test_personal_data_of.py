"""`personal_data_of`: what intake holds about one person (KVKK data-subject requests), and who may ask."""
import pytest
from nameko.testing.services import entrypoint_hook

from intake.exceptions import NotAllowed

DESK = {"id": "pr", "role": "pr_officer", "directorate": None}


def submit(container, data):
    with entrypoint_hook(container, "submit_application") as call:
        return call(data, "pr", None)["application"]


def search(container, actor=DESK, **keys):
    with entrypoint_hook(container, "personal_data_of") as call:
        return call(keys.get("tc_kimlik_no"), keys.get("email"), keys.get("phone"), actor)


def application(type_, n, **applicant):
    return {"channel": "dilekce", "type": type_, "category": "kvkk" if type_ == "kvkk_basvurusu" else "cop",
            "subject": f"Konu {n}", "body": f"Başvuru metni, yeterince uzun ({n}).",
            "applicant": {"full_name": "Ayşe Yılmaz", "postal_address": "Sarnıç Mah. 1 Sok. No 2", **applicant}}


@pytest.fixture
def ayse(intake):
    complaint = submit(intake, application("sikayet", 1, email="Ayse.Yilmaz@Example.org", phone="0532 111 22 33"))
    kvkk = submit(intake, application("kvkk_basvurusu", 2, tc_kimlik_no="10000000146", email="ayse.yilmaz@example.org"))
    submit(intake, application("sikayet", 3, full_name="Ali Kaya", email="ali@example.org",
                               tc_kimlik_no="17291716060", phone="0533 000 00 00"))
    return complaint, kvkk


def test_a_kvkk_request_without_tc_kimlik_no_is_not_processed(intake):
    app = submit(intake, application("kvkk_basvurusu", 9, email="x@example.org"))
    assert app["status"] == "not_processed"
    assert [(r["code"], r["article"]) for r in app["reasons"]] == [
        ("tckn_yok", "KVKK m. 13; Veri Sorumlusuna Başvuru Usul ve Esasları Hakkında Tebliğ m. 5")]


def test_found_by_each_key_normalised(intake, ayse):
    complaint, kvkk = ayse
    by_tckn = search(intake, tc_kimlik_no=" 10000000146 ")["applications"]
    assert [a["tracking_number"] for a in by_tckn] == [kvkk["tracking_number"]]
    by_email = search(intake, email="AYSE.YILMAZ@example.ORG ")["applications"]
    assert [a["tracking_number"] for a in by_email] == [complaint["tracking_number"], kvkk["tracking_number"]]
    by_phone = search(intake, phone="(0532) 111-2233")["applications"]
    assert [a["tracking_number"] for a in by_phone] == [complaint["tracking_number"]]
    [first, second] = search(intake, tc_kimlik_no="10000000146", phone="05321112233")["applications"]
    assert (first["matched_by"], second["matched_by"]) == (["phone"], ["tc_kimlik_no"])
    assert second["type"] == "kvkk_basvurusu" and second["channel"] == "dilekce" and second["category"] == "kvkk"
    assert second["status"] == "received" and second["anonymised_at"] is None and second["received_at"]
    assert second["applicant"] == {"full_name": "Ayşe Yılmaz", "tc_kimlik_no": "10000000146",
                                   "email": "ayse.yilmaz@example.org", "phone": None,
                                   "postal_address": "Sarnıç Mah. 1 Sok. No 2"}


def test_an_unknown_person_has_nothing(intake, ayse):
    assert search(intake, tc_kimlik_no="17291716050", email="kimse@example.org") == {"applications": []}


@pytest.mark.parametrize("role", ["directorate_staff", "auditor", "press_officer", "mayor_office", None])
def test_only_the_desk_and_the_admin_may_search(intake, ayse, role):
    with pytest.raises(NotAllowed):
        search(intake, actor={"id": "x", "role": role}, tc_kimlik_no="10000000146")
    assert search(intake, actor={"id": "a", "role": "admin"}, tc_kimlik_no="10000000146")["applications"]
