"""Open311 GeoReport v2: a city app files a public service desk request and follows it."""
import pytest
import requests

from tests.support.broker import wait_until

pytestmark = pytest.mark.e2e


def api_key(system):
    key_id, secret = system.keys["sehir-uygulamasi"]
    return f"{key_id}.{secret}"


def test_a_georeport_client_files_a_request_and_follows_it(system, anonymous):
    services = anonymous.get("/open311/v2/services.json").json()
    assert {"service_code": "cop", "service_name": "Çöp toplanmaması"}.items() <= \
        next(s for s in services if s["service_code"] == "cop").items()

    filed = requests.post(system.url + "/open311/v2/requests.json", timeout=30, data={
        "api_key": api_key(system), "service_code": "cop", "lat": "38.3245", "long": "27.1402",
        "address_string": "Sarnıç Mah. 1203 Sok.", "description": "Konteyner iki gündür boşaltılmadı.",
        "first_name": "Ayşe", "last_name": "Yılmaz", "email": "ayse@example.org"})
    assert filed.status_code == 201, filed.text
    [created] = filed.json()
    tracking = created["service_request_id"]
    assert tracking.startswith("GZM-") and tracking in created["service_notice"]

    followed = wait_until(lambda: (lambda r: r.json() if r.status_code == 200 else None)(
        anonymous.get(f"/open311/v2/requests/{tracking}.json")))
    assert followed, "the request never showed up"
    [request] = followed
    assert request["status"] == "open" and request["agency_responsible"] == "Temizlik İşleri Müdürlüğü"
    assert "Ayşe" not in str(request) and "ayse@" not in str(request)  # public: no personal data
    listed = anonymous.get("/open311/v2/requests.json", params={"service_code": "cop", "status": "open"}).json()
    assert tracking in {r["service_request_id"] for r in listed}
    assert anonymous.get("/open311/v2/requests.json", params={"service_request_id": tracking}).json() == [request]


def test_a_wrong_key_or_service_is_refused(system):
    url = system.url + "/open311/v2/requests.json"
    wrong_key = requests.post(url, data={"api_key": "k_nothing.secret", "service_code": "cop",
                                         "description": "x"}, timeout=30)
    assert wrong_key.status_code == 401
    cimer_key = "{}.{}".format(*system.keys["cimer"])  # a real key, without the Open311 scope
    assert requests.post(url, data={"api_key": cimer_key, "service_code": "cop", "description": "x"},
                         timeout=30).status_code == 401
    unknown = requests.post(url, data={"api_key": api_key(system), "service_code": "uzay", "description": "x"},
                            timeout=30)
    assert unknown.status_code == 422 and "service_code" in unknown.json()["errors"]
    assert requests.get(system.url + "/open311/v2/requests/GZM-1999-000001.json", timeout=30).status_code == 404


def test_the_public_list_never_shows_an_applicants_own_words(pr_desk, anonymous):
    # a desk request whose subject carries the applicant's name and phone, and who asked to stay hidden
    words = "Ayşe Yılmaz 0532 111 22 33: kapımın önündeki çöp"
    created = pr_desk.post("/api/v1/applications", {
        "channel": "halk_masasi", "type": "sikayet", "category": "cop", "subject": words,
        "body": "Konteyner taşıyor.", "neighbourhood": "Sarnıç",
        "applicant": {"full_name": "Ayşe Yılmaz", "phone": "0532 111 22 33", "hide_identity": True}})
    assert created.status_code == 201, created.text
    tracking = created.json()["tracking_number"]

    def listed():
        found = anonymous.get("/open311/v2/requests.json", params={"service_code": "cop"}).json()
        return next((r for r in found if r["service_request_id"] == tracking), None)
    request = wait_until(listed)
    assert request, "the request never showed up"
    assert request["service_name"] == "Çöp toplanmaması"  # the category's name, as services.json gives it
    [alone] = anonymous.get(f"/open311/v2/requests/{tracking}.json").json()
    for answer in (request, alone):
        assert "Ayşe" not in str(answer) and "0532" not in str(answer) and "kapımın" not in str(answer)
