"""The applications not processed, page by page, for a consumer that subscribed to their events late
(routing's 4982 report): what the events told, without the applicant or the subject."""
from nameko.testing.services import entrypoint_hook


def information_request(received_at, **applicant):
    return {"channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "harcama",
            "subject": "Konser harcaması", "body": "Yaz konseri için ne kadar harcandığını öğrenmek istiyorum.",
            "received_at": received_at,
            "applicant": {"full_name": "Mehmet Demir", "email": "m@example.org", **applicant}}


def submit(container, data):
    with entrypoint_hook(container, "submit_application") as call:
        return call(data, "portal", None)["application"]


def page(container, after=None, limit=500):
    with entrypoint_hook(container, "not_processed_applications") as call:
        return call(after, limit)


def test_the_applications_not_processed_come_page_by_page_with_their_reasons_and_no_personal_data(intake):
    no_tckn = submit(intake, information_request("2026-03-13T10:00:00+03:00"))
    nameless = submit(intake, information_request("2026-01-01T00:30:00+03:00", full_name=""))
    submit(intake, information_request("2026-05-11T10:00:00+03:00", tc_kimlik_no="10000000146"))  # in order
    petition = submit(intake, {"channel": "dilekce", "type": "sikayet", "category": "cop", "subject": "Çöp",
                               "body": "Sokağımızda üç gündür çöp alınmadı.",
                               "received_at": "2026-04-01T10:00:00+03:00", "applicant": {}})
    assert {no_tckn["status"], nameless["status"], petition["status"]} == {"not_processed"}

    first = page(intake, limit=2)
    assert len(first["applications"]) == 2 and first["next"] == first["applications"][-1]["application_id"]
    rest = page(intake, first["next"], 2)
    assert len(rest["applications"]) == 1 and rest["next"] is None
    found = {app["application_id"]: app for app in first["applications"] + rest["applications"]}
    assert set(found) == {no_tckn["id"], nameless["id"], petition["id"]}
    assert sorted(found) == [app["application_id"] for app in first["applications"] + rest["applications"]]

    told = found[nameless["id"]]
    assert (told["type"], told["channel"]) == ("bilgi_edinme", "bilgi_edinme")
    assert told["received_at"].startswith("2025-12-31T21:30:00")
    assert {reason["code"] for reason in told["reasons"]} == {"tckn_yok", "ad_soyad_yok"}
    assert found[no_tckn["id"]]["reasons"][0]["article"] == "Bilgi Edinme Yön. m. 9, 10, 14"
    assert found[petition["id"]]["type"] == "sikayet"
    assert "Mehmet" not in str(found) and "m@example.org" not in str(found) and "Konser" not in str(found)
    assert page(intake, rest["applications"][-1]["application_id"]) == {"applications": [], "next": None}
