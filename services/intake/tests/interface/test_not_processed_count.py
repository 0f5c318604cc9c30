"""The count of not-processed applications of a type and year, for the annual 4982 report: counts only."""
from nameko.testing.services import entrypoint_hook


def information_request(received_at, **applicant):
    return {"channel": "bilgi_edinme", "type": "bilgi_edinme", "category": "harcama",
            "subject": "Konser harcaması", "body": "Yaz konseri için ne kadar harcandığını öğrenmek istiyorum.",
            "received_at": received_at,
            "applicant": {"full_name": "Mehmet Demir", "email": "m@example.org", **applicant}}


def submit(container, data):
    with entrypoint_hook(container, "submit_application") as call:
        return call(data, "portal", None)["application"]


def count(container, year, application_type="bilgi_edinme"):
    with entrypoint_hook(container, "not_processed_count") as call:
        return call(year, application_type)


def test_not_processed_information_requests_are_counted_by_year_in_istanbul_and_by_reason(intake):
    assert submit(intake, information_request("2026-03-13T10:00:00+03:00"))["status"] == "not_processed"  # no TCKN
    submit(intake, information_request("2026-01-01T00:30:00+03:00", full_name=""))  # no TCKN and no name
    submit(intake, information_request("2026-05-11T10:00:00+03:00", tc_kimlik_no="10000000146"))  # in order
    submit(intake, information_request("2025-12-31T23:30:00+03:00"))  # last year in Istanbul
    submit(intake, {"channel": "dilekce", "type": "sikayet", "category": "cop", "subject": "Çöp",
                    "body": "Sokağımızda üç gündür çöp alınmadı.", "received_at": "2026-04-01T10:00:00+03:00",
                    "applicant": {}})  # a petition not processed: another type

    answer = count(intake, 2026)
    assert (answer["year"], answer["type"], answer["total"]) == (2026, "bilgi_edinme", 2)
    by_code = {reason["code"]: reason for reason in answer["by_reason"]}
    assert {code: reason["count"] for code, reason in by_code.items()} == {"tckn_yok": 2, "ad_soyad_yok": 1}
    assert by_code["tckn_yok"]["article"] == "Bilgi Edinme Yön. m. 9, 10, 14"
    assert "Mehmet" not in str(answer) and "m@example.org" not in str(answer)
    assert count(intake, 2025)["total"] == 1
    assert count(intake, 2026, "sikayet")["total"] == 1
    assert count(intake, 2024) == {"year": 2024, "type": "bilgi_edinme", "total": 0, "by_reason": []}
