"""Open311 GeoReport v2 through independent client libraries from PyPI, pointed at the running gateway:
`three` (0.8.0) and `civicbot` (0.4.0) discover the endpoint, list the services, file a request with an
api_key and read it back in JSON; `georeport` (0.3.1), which only reads, reads the same in XML, the format
GeoReport requires. Each library parses our answers its own way: what they get is what any client gets."""
import itertools
import json

import pytest
import requests
from civicbot.http import HttpError, HttpTransport, RateLimiter
from civicbot.open311 import Open311Client
from civicbot.registry import Endpoint
from defusedxml import ElementTree
from georeport import GeoReport

from tests.support.broker import wait_until

if not hasattr(itertools, "ifilter"):  # three 0.8.0 was written for Python 2 and imports itertools.ifilter,
    itertools.ifilter = filter         # which Python 3 calls filter; it needs nothing else of Python 2 in JSON
import three  # noqa: E402

pytestmark = pytest.mark.e2e

JURISDICTION = "gaziemir.bel.tr"
PLACE = {"lat": 38.3245, "long": 27.1402, "address_string": "Sarnıç Mah. 1203 Sok."}
PICTURE = "https://example.org/konteyner.jpg"


def api_key(system):
    key_id, secret = system.keys["sehir-uygulamasi"]
    return f"{key_id}.{secret}"


def discovered_endpoint(system):
    """The GeoReport v2 endpoint as the XML discovery document gives it."""
    answer = requests.get(system.url + "/open311/discovery.xml", timeout=30)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/xml"), answer.text
    [endpoint] = ElementTree.fromstring(answer.content).find("endpoints")
    assert endpoint.find("specification").text == "http://wiki.open311.org/GeoReport_v2"
    assert {f.text for f in endpoint.find("formats")} == {"text/xml", "application/json"}
    return endpoint.find("url").text


def followed(read, tracking):
    """The request as the library reads it back, once routing has opened its case."""
    def attempt():
        try:
            return read(tracking)
        except (HttpError, requests.HTTPError):
            return None
    found = wait_until(attempt)
    assert found, "the request never showed up"
    return found


def test_three_discovers_files_and_follows_a_request(system):
    client = three.Three(system.url + "/open311/v2/", api_key=api_key(system), jurisdiction=JURISDICTION,
                         discovery=system.url + "/open311/discovery.json")
    [endpoint] = client.discovery()["endpoints"]
    assert endpoint["url"] == system.url + "/open311/v2" and "application/json" in endpoint["formats"]

    services = client.services()
    assert {"service_code": "cop", "service_name": "Çöp toplanmaması", "metadata": False}.items() <= \
        next(s for s in services if s["service_code"] == "cop").items()
    assert client.services("cop") == {"service_code": "cop", "attributes": []}

    [created] = client.post("cop", address=PLACE["address_string"], lat=PLACE["lat"], long=PLACE["long"],
                            description="Konteyner iki gündür boşaltılmadı.", name="Ayşe Yılmaz",
                            email="ayse@example.org", media_url=PICTURE)
    assert client.post_response.status_code == 201
    tracking = created["service_request_id"]
    assert tracking.startswith("GZM-") and tracking in created["service_notice"]

    # three hands back whatever JSON comes, a GeoReport error list too (404 until routing opens the case)
    [request] = followed(lambda number: [r for r in client.request(number) if "service_request_id" in r], tracking)
    assert (request["service_code"], request["service_name"], request["status"]) == ("cop", "Çöp toplanmaması",
                                                                                       "open")
    assert (request["lat"], request["long"], request["address"], request["media_url"]) == (
        PLACE["lat"], PLACE["long"], PLACE["address_string"], PICTURE)
    assert "Ayşe" not in str(request) and "ayse@" not in str(request)  # public: no personal data
    assert tracking in {r["service_request_id"] for r in client.requests("cop", status="open")}


def test_civicbot_files_a_request_and_reads_it_back(system):
    endpoint = Endpoint(id="gaziemir", name="Gaziemir", base_url=discovered_endpoint(system), write=True)
    client = Open311Client(endpoint, HttpTransport(rate_limiter=RateLimiter(min_interval=0)),
                           jurisdiction_id=JURISDICTION)
    assert "cop" in {s["service_code"] for s in client.list_services()}
    assert client.get_service_definition("cop") == {"service_code": "cop", "attributes": []}

    sent = client.create_request("cop", dry_run=False, confirm="SEND", api_key=api_key(system), validate_remote=True,
                                 lat=PLACE["lat"], lng=PLACE["long"], address_string=PLACE["address_string"],
                                 description="Parktaki lamba yanmıyor.", media_url=PICTURE, first_name="Ali",
                                 last_name="Kaya", phone="0532 111 22 33")
    [created] = sent.response
    tracking = created["service_request_id"]

    request = followed(client.get_request, tracking)
    assert (request["service_request_id"], request["lat"], request["long"], request["media_url"]) == (
        tracking, PLACE["lat"], PLACE["long"], PICTURE)
    assert "Kaya" not in str(request) and "0532" not in str(request)
    assert [r["service_request_id"] for r in client.list_requests(service_request_ids=[tracking])] == [tracking]

    with pytest.raises(HttpError) as refused:
        client.create_request("cop", dry_run=False, confirm="SEND", api_key="k_nothing.secret",
                              address_string="Sarnıç", description="x")
    assert refused.value.status == 403
    assert [error["code"] for error in json.loads(refused.value.body)] == [403]


def test_georeport_reads_services_and_a_request_in_xml(system):
    endpoint = discovered_endpoint(system)
    filed = requests.post(endpoint + "/requests.xml", timeout=30, data={
        "api_key": api_key(system), "jurisdiction_id": JURISDICTION, "service_code": "yol",
        "description": "Kaldırımda çukur var.", "media_url": PICTURE,
        **{key: str(value) for key, value in PLACE.items()}})
    assert filed.status_code == 201 and filed.headers["Content-Type"] == "text/xml; charset=utf-8", filed.text
    root = ElementTree.fromstring(filed.content)
    assert [element.tag for element in root.find("request")] == ["service_request_id", "service_notice",
                                                                 "account_id"]
    tracking = root.find("request/service_request_id").text

    client = GeoReport(endpoint, jurisdiction=JURISDICTION, output_format="xml")
    services = client.get_service_list()
    assert {"service_code": "yol", "service_name": "Yol ve kaldırım arızası", "metadata": "false"}.items() <= \
        next(s for s in services if s["service_code"] == "yol").items()
    assert client.get_service_definition("yol") == {"service_code": "yol", "attributes": None}

    request = followed(client.get_service_request, tracking)
    assert (request["service_request_id"], request["service_code"], request["status"]) == (tracking, "yol", "open")
    assert (float(request["lat"]), float(request["long"]), request["address"], request["media_url"]) == (
        PLACE["lat"], PLACE["long"], PLACE["address_string"], PICTURE)
    # the same request in JSON says the same
    [in_json] = GeoReport(endpoint, jurisdiction=JURISDICTION).get_service_requests(service_request_id=tracking)
    assert {key: str(value).lower() if isinstance(value, bool) else (None if value is None else str(value))
            for key, value in in_json.items()} == dict(request)
