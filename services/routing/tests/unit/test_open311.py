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


def _case(**extra):
    return {"tracking_number": "GZM-2026-000008", "state": "assigned", "category": "cop", "subject": "Çöp",
            "directorate": "temizlik-isleri", "received_at": datetime(2026, 5, 11, 9, tzinfo=timezone.utc),
            "updated_at": datetime(2026, 5, 12, 9, tzinfo=timezone.utc), "legal_due_on": date(2026, 6, 10),
            "neighbourhood": "Sarnıç", "channel": "halk_masasi", "hide_identity": False, **extra}


def test_the_place_and_the_picture_a_client_gave_are_returned():
    public = open311.as_request(_case(latitude=38.3245, longitude=27.1402, address_string="Sarnıç Mah. 1203 Sok.",
                                      media_url="https://example.org/konteyner.jpg"), {}, open311.service_names(SEED))
    assert (public["lat"], public["long"]) == (38.3245, 27.1402)
    assert public["address"] == "Sarnıç Mah. 1203 Sok."
    assert public["media_url"] == "https://example.org/konteyner.jpg"


def test_without_a_place_the_neighbourhood_is_the_address_and_nothing_is_made_up():
    public = open311.as_request(_case(), {}, open311.service_names(SEED))
    assert public["address"] == "Sarnıç"
    assert "lat" not in public and "long" not in public and "media_url" not in public


def test_a_hidden_applicants_place_and_picture_stay_hidden():
    public = open311.as_request(_case(hide_identity=True, latitude=38.3245, longitude=27.1402,
                                      address_string="Ayşe'nin kapısı, 1203 Sok. No 4",
                                      media_url="https://example.org/kapim.jpg"), {}, open311.service_names(SEED))
    assert public["address"] == "Sarnıç"
    assert "lat" not in public and "media_url" not in public and "kapı" not in str(public)


def test_the_place_travels_from_the_event_to_the_case():
    from routing.cases import place
    assert place({"location": {"latitude": 38.3, "longitude": 27.1, "description": "1203 Sok."},
                  "media_url": "https://example.org/a.jpg"}) == {
        "latitude": 38.3, "longitude": 27.1, "address_string": "1203 Sok.", "media_url": "https://example.org/a.jpg"}
    assert place({"location": None}) == {"latitude": None, "longitude": None, "address_string": None,
                                         "media_url": None}
