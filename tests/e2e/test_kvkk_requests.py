"""KVKK data-subject requests (ilgili kişi başvurusu, KVKK m. 11, 13): a citizen's request on paper is taken
in, routed to Hukuk İşleri with its 30-day clock, and the desk finds what the municipality holds about her.

Every answer is checked against the gateway's OpenAPI document (`Documented`)."""
import pytest

from tests.support.broker import wait_until

from .documented import desk, fen, openapi  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

TCKN = "23456789060"
EMAIL = "zeynep.kvkk@example.org"
APPLICANT = {"full_name": "Zeynep Arslan", "postal_address": "Aktepe Mah. 8 Sok. No 3", "signed": True}


def complaint():
    return {"channel": "dilekce", "type": "sikayet", "category": "aydinlatma", "subject": "Sokak lambası",
            "body": "Sokağımızın lambası iki haftadır yanmıyor.", "received_at": "2026-02-02T10:00:00+03:00",
            "applicant": {**APPLICANT, "email": "Zeynep.KVKK@example.org", "phone": "0532 765 43 21"}}


def kvkk_request():
    return {"channel": "dilekce", "type": "kvkk_basvurusu", "category": "kvkk",
            "subject": "Kişisel verilerim hakkında bilgi",
            "body": "KVKK m. 11 uyarınca hakkımda işlenen kişisel verileri ve kimlere aktarıldığını öğrenmek istiyorum.",
            "received_at": "2026-03-13T11:00:00+03:00",
            "applicant": {**APPLICANT, "tc_kimlik_no": TCKN, "email": EMAIL}}


@pytest.fixture(scope="module")
def zeynep(desk):
    earlier = desk.ok("POST", "/api/v1/applications", json=complaint(), status=201)
    request = desk.ok("POST", "/api/v1/applications", json=kvkk_request(), status=201)
    return earlier, request


def test_the_request_is_taken_in_and_routed_to_hukuk_isleri_with_its_30_day_clock(desk, zeynep):
    _earlier, request = zeynep
    assert request["status"] == "received" and request["tracking_number"].startswith("GZM-2026-")
    found = wait_until(lambda: [case for case in desk.ok("GET", "/api/v1/cases")["cases"]
                                if case["tracking_number"] == request["tracking_number"]])
    assert found, "routing opened no case for the KVKK request"
    case = desk.ok("GET", "/api/v1/cases/{case_id}", case_id=found[0]["id"])
    assert case["directorate"] == "hukuk-isleri"
    assert case["deadline_rule"] == "kvkk_basvurusu"
    # 13.03.2026 + 30 calendar days = Sunday 12.04.2026, moved to the next working day
    assert case["legal_due_on"] == "2026-04-13"
    assert case["internal_due_on"] == "2026-04-08"
    assert case["due_explanation"]["rule"]["source"] == "6698 s. Kanun (KVKK) m. 13/2"


def test_a_request_without_tc_kimlik_no_is_not_processed(desk):
    data = kvkk_request()
    data["applicant"] = {**APPLICANT, "full_name": "Can Demir", "email": "can.demir@example.org"}
    app = desk.ok("POST", "/api/v1/applications", json=data, status=201)
    assert app["status"] == "not_processed"
    assert [(r["code"], r["article"]) for r in app["reasons"]] == [
        ("tckn_yok", "KVKK m. 13; Veri Sorumlusuna Başvuru Usul ve Esasları Hakkında Tebliğ m. 5")]


def test_the_desk_finds_her_applications_by_tc_kimlik_no_and_e_mail(desk, zeynep):
    earlier, request = zeynep
    contact = desk.ok("POST", "/api/v1/contacts", status=201, json={
        "kind": "person", "full_name": "Zeynep Arslan", "category": "gazeteci", "emails": [EMAIL],
        "consent": {"basis": "kanunda_ongorulme"}})
    answer = desk.ok("POST", "/api/v1/kvkk/personal-data", json={"tc_kimlik_no": TCKN, "email": EMAIL.upper()})
    applications = {app["tracking_number"]: app for app in answer["applications"]}
    assert set(applications) == {earlier["tracking_number"], request["tracking_number"]}
    kvkk = applications[request["tracking_number"]]
    assert (kvkk["type"], kvkk["channel"], kvkk["status"]) == ("kvkk_basvurusu", "dilekce", "received")
    assert kvkk["applicant"]["tc_kimlik_no"] == TCKN and kvkk["anonymised_at"] is None
    assert applications[earlier["tracking_number"]]["matched_by"] == ["email"]
    assert applications[earlier["tracking_number"]]["applicant"]["phone"] == "0532 765 43 21"
    assert [(c["id"], c["name"], c["consent_basis"], c["opted_out_on"]) for c in answer["contacts"]] == [
        (contact["id"], "Zeynep Arslan", "kanunda_ongorulme", None)]

    by_tckn = desk.ok("POST", "/api/v1/kvkk/personal-data", json={"tc_kimlik_no": TCKN})
    assert [a["tracking_number"] for a in by_tckn["applications"]] == [request["tracking_number"]]
    assert "contacts" not in by_tckn  # the bank keeps no TC Kimlik No
    nobody = desk.ok("POST", "/api/v1/kvkk/personal-data", json={"email": "kimse.yok@example.org"})
    assert nobody == {"applications": [], "contacts": []}


def test_the_search_needs_a_valid_key(desk):
    assert desk("POST", "/api/v1/kvkk/personal-data", json={}).status_code == 422
    assert desk("POST", "/api/v1/kvkk/personal-data", json={"tc_kimlik_no": "23456789061"}).status_code == 422
    assert desk("POST", "/api/v1/kvkk/personal-data", json={"ad": "Zeynep"}).status_code == 422


def test_a_directorate_may_not_search(fen, zeynep):
    response = fen("POST", "/api/v1/kvkk/personal-data", json={"tc_kimlik_no": TCKN})
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
