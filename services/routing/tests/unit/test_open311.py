"""Open311's public answers: the category's name and what GeoReport asks for, never the applicant's words."""
from datetime import date, datetime, timezone

from routing import open311

SEED = {"open311_services": [{"code": "cop", "name": "Çöp toplanmaması"}]}


def test_a_public_request_is_named_by_its_category_not_by_the_applicants_subject():
    case = {"tracking_number": "GZM-2026-000007", "state": "assigned", "category": "cop",
            "subject": "Ayşe Yılmaz 0532 111 22 33: kapımın önündeki çöp", "directorate": "temizlik-isleri",
            "received_at": datetime(2026, 5, 11, 9, tzinfo=timezone.utc),
            "updated_at": datetime(2026, 5, 12, 9, tzinfo=timezone.utc), "legal_due_on": date(2026, 6, 10),
            "neighbourhood": "Sarnıç", "channel": "halk_masasi"}
    public = open311.as_request(case, {"temizlik-isleri": "Temizlik İşleri Müdürlüğü"},
                                open311.service_names(SEED))
    assert public["service_name"] == "Çöp toplanmaması"
    assert "Ayşe" not in str(public) and "0532" not in str(public) and "kapımın" not in str(public)
