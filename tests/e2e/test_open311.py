"""Open311 GeoReport v2: a city app files a public service desk request and follows it, in JSON and in XML,
and is refused in GeoReport's error format with its status codes."""
import json
import socket

import pytest
import requests
from defusedxml import ElementTree

from tests.support.broker import wait_until

pytestmark = pytest.mark.e2e

CONTENT_TYPES = {"xml": "text/xml", "json": "application/json"}


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
        "first_name": "Ayşe", "last_name": "Yılmaz", "email": "ayse@example.org",
        "media_url": "https://example.org/konteyner.jpg", "jurisdiction_id": "gaziemir.bel.tr"})
    assert filed.status_code == 201, filed.text
    [created] = filed.json()
    tracking = created["service_request_id"]
    assert tracking.startswith("GZM-") and tracking in created["service_notice"]

    followed = wait_until(lambda: (lambda r: r.json() if r.status_code == 200 else None)(
        anonymous.get(f"/open311/v2/requests/{tracking}.json")))
    assert followed, "the request never showed up"
    [request] = followed
    assert request["status"] == "open" and request["agency_responsible"] == "Temizlik İşleri Müdürlüğü"
    assert (request["lat"], request["long"], request["address"], request["media_url"]) == (
        38.3245, 27.1402, "Sarnıç Mah. 1203 Sok.", "https://example.org/konteyner.jpg")
    assert "Ayşe" not in str(request) and "ayse@" not in str(request)  # public: no personal data
    listed = anonymous.get("/open311/v2/requests.json", params={"service_code": "cop,yol", "status": "open"}).json()
    assert tracking in {r["service_request_id"] for r in listed}
    assert anonymous.get("/open311/v2/requests.json", params={"service_request_id": tracking}).json() == [request]

    # the same request in XML, GeoReport's required format: the same fields, as elements
    in_xml = anonymous.get(f"/open311/v2/requests/{tracking}.xml", params={"jurisdiction_id": "gaziemir.bel.tr"})
    assert in_xml.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert in_xml.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    [element] = ElementTree.fromstring(in_xml.content)
    assert element.tag == "request"
    assert {child.tag: child.text for child in element} == {
        key: None if value is None else str(value) for key, value in request.items()}


def test_every_resource_answers_in_xml_and_json(anonymous):
    for fmt in ("xml", "json"):
        for path in ("/open311/discovery", "/open311/v2/services", "/open311/v2/services/cop",
                     "/open311/v2/requests"):
            answer = anonymous.get(f"{path}.{fmt}", params={"jurisdiction_id": "gaziemir.bel.tr"})
            assert answer.status_code == 200, (path, fmt, answer.text)
            assert answer.headers["Content-Type"] == {"xml": "text/xml", "json": "application/json"}[fmt] + \
                "; charset=utf-8"
    discovery = ElementTree.fromstring(anonymous.get("/open311/discovery.xml").content)
    assert discovery.tag == "discovery" and discovery.find("endpoints/endpoint/url").text.endswith("/open311/v2")
    services = ElementTree.fromstring(anonymous.get("/open311/v2/services.xml").content)
    assert services.tag == "services" and {s.find("service_code").text for s in services} >= {"cop", "yol"}
    definition = ElementTree.fromstring(anonymous.get("/open311/v2/services/cop.xml").content)
    assert [child.tag for child in definition] == ["service_code", "attributes"]


def errors(answer, fmt):
    """GeoReport's error list: (code, description) pairs, read from XML or JSON."""
    if fmt == "json":
        return [(error["code"], error["description"]) for error in answer.json()]
    root = ElementTree.fromstring(answer.content)
    assert root.tag == "errors"
    return [(int(error.find("code").text), error.find("description").text) for error in root]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_refusals_come_in_georeports_error_format_with_its_status_codes(system, fmt):
    url = f"{system.url}/open311/v2/requests.{fmt}"
    place = {"address_string": "Sarnıç Mah. 1203 Sok.", "description": "x"}

    def refused(method, address, status, **kwargs):
        answer = requests.request(method, address, timeout=30, **kwargs)
        assert answer.status_code == status, answer.text
        assert answer.headers["Content-Type"].startswith({"xml": "text/xml", "json": "application/json"}[fmt])
        found = errors(answer, fmt)
        assert found and {code for code, _ in found} == {status}
        return dict(description.split(": ", 1) if ": " in description else ("", description)
                    for _, description in found)

    # an api_key missing, unknown, or without the Open311 scope: 403, whatever else is wrong
    refused("POST", url, 403, data={"service_code": "cop", **place})
    refused("POST", url, 403, data={"api_key": "k_nothing.secret", "service_code": "cop", **place})
    cimer_key = "{}.{}".format(*system.keys["cimer"])  # a real key, without the Open311 scope
    refused("POST", url, 403, data={"api_key": cimer_key, "service_code": "cop", **place})
    # a missing or invalid argument: 400, one error per field
    assert "service_code" in refused("POST", url, 400, data={"api_key": api_key(system), "service_code": "uzay",
                                                             **place})
    assert "lat" in refused("POST", url, 400, data={"api_key": api_key(system), "service_code": "cop",
                                                    "description": "yer yok"})
    assert "media_url" in refused("POST", url, 400, data={"api_key": api_key(system), "service_code": "cop",
                                                          "media_url": "javascript:alert(1)", **place})
    assert "end_date" in refused("GET", url, 400, params={"start_date": "2026-01-01T00:00:00Z",
                                                          "end_date": "2026-06-01T00:00:00Z"})
    # what is not here: 404
    refused("GET", f"{system.url}/open311/v2/requests/GZM-1999-000001.{fmt}", 404)
    refused("GET", f"{system.url}/open311/v2/services/uzay.{fmt}", 404)
    refused("GET", f"{system.url}/open311/v2/services.{fmt}", 404, params={"jurisdiction_id": "city.gov"})
    refused("POST", url, 404, data={"api_key": api_key(system), "service_code": "cop", "jurisdiction_id": "city.gov",
                                    **place})


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_the_gateways_own_refusals_on_open311_paths_come_in_georeports_error_format(system, fmt):
    def refused(answer, status):
        assert answer.status_code == status, answer.text
        assert answer.headers["Content-Type"] == f"{CONTENT_TYPES[fmt]}; charset=utf-8"
        [(code, description)] = errors(answer, fmt)
        assert code == status and description
        return answer

    # a method the resource does not have: 405, with the methods it has
    answer = refused(requests.put(f"{system.url}/open311/v2/requests.{fmt}", timeout=30), 405)
    assert answer.headers["Allow"] == "GET, HEAD, POST"
    answer = refused(requests.delete(f"{system.url}/open311/v2/services.{fmt}", timeout=30), 405)
    assert answer.headers["Allow"] == "GET, HEAD"
    # a body past the gateway's limit: 413, before it is read
    refused(requests.post(f"{system.url}/open311/v2/requests.{fmt}", data=b"description=" + b"a" * (41 * 1024 * 1024),
                          headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=60), 413)
    # a resource that is not here: 404
    refused(requests.get(f"{system.url}/open311/v2/nothing.{fmt}", timeout=30), 404)


def test_a_request_not_sent_in_time_on_an_open311_path_is_a_408_in_georeports_format(system):
    with socket.create_connection(("127.0.0.1", int(system.url.rsplit(":", 1)[1])), timeout=30) as sock:
        sock.sendall(b"GET /open311/v2/services.json HTTP/1.1\r\nHost: gateway\r\nX-Slow: ")  # headers never end
        received = b""
        while chunk := sock.recv(4096):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 ")
    assert b"Content-Type: application/json; charset=utf-8" in head
    assert json.loads(body) == [{"code": 408, "description": "İstek zamanında gönderilmedi"}]


def test_the_public_list_never_shows_an_applicants_own_words(pr_desk, anonymous):
    # a desk request whose subject carries the applicant's name and phone, and who asked to stay hidden
    words = "Ayşe Yılmaz 0532 111 22 33: kapımın önündeki çöp"
    created = pr_desk.post("/api/v1/applications", {
        "channel": "halk_masasi", "type": "sikayet", "category": "cop", "subject": words,
        "body": "Konteyner taşıyor.", "neighbourhood": "Sarnıç",
        "location": {"latitude": 38.3301, "longitude": 27.1377, "description": "Ayşe'nin kapısı, 1203 Sok. No 4"},
        "media_url": "https://example.org/kapim.jpg",
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
    in_xml = anonymous.get(f"/open311/v2/requests/{tracking}.xml").content.decode()
    for answer in (str(request), str(alone), in_xml):
        assert "Ayşe" not in answer and "0532" not in answer and "kapı" not in answer
        assert "38.3301" not in answer and "kapim.jpg" not in answer  # a hidden applicant's place stays hidden
    assert alone["address"] == "Sarnıç"
