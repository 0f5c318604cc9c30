"""Open311 GeoReport v2 answers in XML and JSON, and its errors, held against the specification's own
examples (wiki.open311.org/GeoReport_v2: the sample responses of GET requests and POST requests, the
sample POST body and the sample error, used here as test data)."""
import json
from datetime import datetime, timezone

import pytest
from defusedxml import ElementTree

from gateway import open311
from gateway.errors import RouteNotFound, SignatureRejected, TooManyRequests, ValidationFailed

# the specification's sample response to GET requests (its first request), in JSON ...
SPEC_REQUEST = {
    "service_request_id": "638344", "status": "closed", "status_notes": "Duplicate request.",
    "service_name": "Sidewalk and Curb Issues", "service_code": "006", "description": None,
    "agency_responsible": None, "service_notice": None, "requested_datetime": "2010-04-14T06:37:38-08:00",
    "updated_datetime": "2010-04-14T06:37:38-08:00", "expected_datetime": "2010-04-15T06:37:38-08:00",
    "address": "8TH AVE and JUDAH ST", "address_id": "545483", "zipcode": "94122", "lat": 37.762221815,
    "long": -122.4651145, "media_url": "http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"}
# ... and in XML
SPEC_REQUEST_XML = """<?xml version="1.0" encoding="utf-8"?>
<service_requests>
  <request>
    <service_request_id>638344</service_request_id>
    <status>closed</status>
    <status_notes>Duplicate request.</status_notes>
    <service_name>Sidewalk and Curb Issues</service_name>
    <service_code>006</service_code>
    <description></description>
    <agency_responsible></agency_responsible>
    <service_notice></service_notice>
    <requested_datetime>2010-04-14T06:37:38-08:00</requested_datetime>
    <updated_datetime>2010-04-14T06:37:38-08:00</updated_datetime>
    <expected_datetime>2010-04-15T06:37:38-08:00</expected_datetime>
    <address>8TH AVE and JUDAH ST</address>
    <address_id>545483</address_id>
    <zipcode>94122</zipcode>
    <lat>37.762221815</lat>
    <long>-122.4651145</long>
    <media_url>http://city.gov.s3.amazonaws.com/requests/media/638344.jpg</media_url>
  </request>
</service_requests>"""
# the specification's sample POST body (its attribute[...] fields left out: our services ask none)
SPEC_POST = {"api_key": "xyz", "jurisdiction_id": "city.gov", "service_code": "001", "lat": "37.76524078",
             "long": "-122.4212043", "address_string": "1234 5th street", "email": "smit333@sfgov.edu",
             "device_id": "tt222111", "account_id": "123456", "first_name": "john", "last_name": "smith",
             "phone": "111111111", "description": "A large sinkhole is destroying the street",
             "media_url": "http://www.city.gov/images/1234.jpg"}


def shape(element):
    """An element as (tag, text, children), whitespace between elements ignored."""
    return (element.tag, (element.text or "").strip(), [shape(child) for child in element])


def test_a_request_in_xml_is_the_specifications_sample():
    response = open311.answer("xml", "service_requests", [SPEC_REQUEST])
    assert response.content_type == "text/xml; charset=utf-8"
    body = response.get_data()
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<service_requests>')
    assert shape(ElementTree.fromstring(body)) == shape(ElementTree.fromstring(SPEC_REQUEST_XML.encode()))


def test_a_request_in_json_is_a_list_as_the_specification_shows():
    response = open311.answer("json", "service_requests", [SPEC_REQUEST])
    assert response.content_type == "application/json; charset=utf-8"
    assert json.loads(response.get_data()) == [SPEC_REQUEST]


def test_the_post_answer_in_xml_has_the_specifications_elements():
    created = {"service_request_id": "293944", "service_notice": "Takip numarası 293944.", "account_id": None}
    root = ElementTree.fromstring(open311.answer("xml", "service_requests", [created]).get_data())
    assert shape(root) == ("service_requests", "", [("request", "", [
        ("service_request_id", "293944", []), ("service_notice", "Takip numarası 293944.", []),
        ("account_id", "", [])])])


def test_turkish_letters_stay_utf8_in_both_formats():
    service = {"service_code": "cop", "service_name": "Çöp toplanmaması", "metadata": False}
    xml = open311.answer("xml", "services", [service]).get_data()
    assert "Çöp toplanmaması".encode() in xml
    assert shape(ElementTree.fromstring(xml)) == ("services", "", [("service", "", [
        ("service_code", "cop", []), ("service_name", "Çöp toplanmaması", []), ("metadata", "false", [])])])
    assert "Çöp toplanmaması".encode() in open311.answer("json", "services", [service]).get_data()


def test_discovery_and_a_service_definition_in_xml():
    document = open311.discovery("https://e-belediye.example/open311/v2",
                                 {"jurisdiction_id": "gaziemir.bel.tr", "contact": "Alo 153", "key_service": "PR"})
    root = ElementTree.fromstring(open311.answer("xml", "discovery", document).get_data())
    [endpoint] = root.find("endpoints")
    assert endpoint.find("specification").text == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint.find("url").text == "https://e-belediye.example/open311/v2"
    assert [f.text for f in endpoint.find("formats")] == ["text/xml", "application/json"]
    assert [f.tag for f in endpoint.find("formats")] == ["format", "format"]
    definition = ElementTree.fromstring(
        open311.answer("xml", "service_definition", open311.service_definition("cop")).get_data())
    assert shape(definition) == ("service_definition", "", [("service_code", "cop", []), ("attributes", "", [])])


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_a_refused_api_key_is_the_specifications_403_error(fmt):
    response = open311.error_answer(fmt, SignatureRejected("api_key geçersiz ya da Open311 yetkisi yok."))
    assert response.status_code == 403
    if fmt == "json":
        assert json.loads(response.get_data()) == [{"code": 403,
                                                     "description": "api_key geçersiz ya da Open311 yetkisi yok."}]
    else:
        assert shape(ElementTree.fromstring(response.get_data())) == ("errors", "", [("error", "", [
            ("code", "403", []), ("description", "api_key geçersiz ya da Open311 yetkisi yok.", [])])])


def test_invalid_fields_are_400_one_error_each_and_unknown_things_404():
    response = open311.error_answer("json", ValidationFailed(errors={"service_code": ["Bilinmeyen hizmet kodu."],
                                                                      "lat": ["Sayı olmalı."]}))
    assert response.status_code == 400
    assert json.loads(response.get_data()) == [
        {"code": 400, "description": "service_code: Bilinmeyen hizmet kodu."},
        {"code": 400, "description": "lat: Sayı olmalı."}]
    assert open311.error_answer("xml", RouteNotFound("service_code bulunamadı.")).status_code == 404
    throttled = open311.error_answer("xml", TooManyRequests(7))
    assert throttled.status_code == 429 and throttled.headers["Retry-After"] == "7"


def test_an_unexpected_error_says_nothing_of_itself():
    response = open311.error_answer("json", KeyError("secret internal detail"))
    assert response.status_code == 500
    assert "secret" not in response.get_data(as_text=True)


def test_the_specifications_sample_post_is_accepted_and_becomes_a_desk_application():
    form = open311.parse(open311.GeoReportRequestSchema, SPEC_POST)
    application = open311.as_application(form, "Çöp toplanmaması")
    assert application["location"] == {"latitude": 37.76524078, "longitude": -122.4212043,
                                       "description": "1234 5th street"}
    assert application["media_url"] == "http://www.city.gov/images/1234.jpg"
    assert application["applicant"] == {"full_name": "john smith", "email": "smit333@sfgov.edu",
                                        "phone": "111111111", "preferred_reply_channel": "email"}
    assert application["subject"] == "Çöp toplanmaması" and application["channel"] == "halk_masasi"


def test_an_address_alone_is_a_location_but_no_location_or_half_a_point_is_refused():
    form = {key: SPEC_POST[key] for key in ("api_key", "service_code", "description")}
    with_address = open311.parse(open311.GeoReportRequestSchema, {**form, "address_string": "1234 5th street"})
    assert open311.as_application(with_address, "x")["location"] == {"description": "1234 5th street"}
    for wrong in ({}, {"lat": "37.7"}, {"long": "-122.4", "address_string": "1234 5th street"}):
        with pytest.raises(ValidationFailed):
            open311.parse(open311.GeoReportRequestSchema, {**form, **wrong})


def test_media_url_must_be_a_web_address():
    for wrong in ("javascript:alert(1)", "file:///etc/passwd", "http://a b"):
        with pytest.raises(ValidationFailed) as refused:
            open311.parse(open311.GeoReportRequestSchema, {**SPEC_POST, "media_url": wrong})
        assert "media_url" in refused.value.errors


def test_the_range_of_a_list_is_the_last_90_days_by_default_and_at_most_90_days():
    now = datetime(2026, 12, 7, 12, tzinfo=timezone.utc)
    assert open311.request_filters({}, now) == {"start_date": "2026-09-08T12:00:00+00:00"}
    query = open311.parse(open311.GeoReportQuerySchema, {"service_code": "cop,yol", "status": "open,closed",
                                                         "start_date": "2026-11-01T00:00:00Z"})
    assert open311.request_filters(query, now) == {"service_code": ["cop", "yol"],
                                                   "start_date": "2026-11-01T00:00:00+00:00"}
    assert open311.request_filters({"status": "open"}, now)["status"] == "open"
    with pytest.raises(ValidationFailed):
        open311.parse(open311.GeoReportQuerySchema, {"start_date": "2026-01-01T00:00:00Z",
                                                     "end_date": "2026-06-01T00:00:00Z"})
    early = open311.parse(open311.GeoReportQuerySchema, {"end_date": "0001-01-05T00:00:00Z"})
    assert open311.request_filters(early, now)["start_date"] == "0001-01-01T00:00:00+00:00"


def test_a_jurisdiction_other_than_ours_is_not_found():
    profile = {"jurisdiction_id": "gaziemir.bel.tr"}
    open311.check_jurisdiction(None, profile)
    open311.check_jurisdiction("gaziemir.bel.tr", profile)
    with pytest.raises(RouteNotFound):
        open311.check_jurisdiction("city.gov", profile)


@pytest.mark.parametrize("path,fmt", [
    ("/open311/v2/requests.json", "json"), ("/open311/discovery.xml", "xml"), ("/open311/v2/requests", "xml"),
    ("/open311/v2/nothing.csv", "xml"), ("/open311", "xml"), ("/api/v1/applications.json", None),
    ("/open311x/v2/requests.json", None),
])
def test_a_refusal_before_any_route_is_written_in_the_open311_paths_format(path, fmt):
    # GeoReport's required format where the path names none of ours; problem+json off Open311 paths
    assert open311.format_for(path) == fmt
