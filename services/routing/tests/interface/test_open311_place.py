"""Open311 answers from routing: where a public service desk request is and its picture, as intake's event
carried them, kept on the case, returned, hidden for a hidden applicant and forgotten on anonymisation."""
from nameko.testing.services import entrypoint_hook

from contracts import intake
from contracts.envelope import make_envelope
from tests.support.broker import publish_raw, wait_until
from tests.support.routing_events import case_of, received

PLACE = {"location": {"latitude": 38.3245, "longitude": 27.1402, "description": "Sarnıç Mah. 1203 Sok."},
         "media_url": "https://example.org/konteyner.jpg"}


def open311_request(container, tracking_number):
    with entrypoint_hook(container, "open311_request") as call:
        return call(tracking_number)


def desk_request(amqp_uri, query, hidden=False, **changes):
    event = received(amqp_uri, channel="halk_masasi", type="istek", category="cop",
                     applicant={"full_name": "Ayşe Yılmaz", "hide_identity": hidden}, **changes)
    return event, case_of(query, event)


def test_the_place_and_picture_are_kept_and_returned(routing, amqp_uri, query):
    event, case = desk_request(amqp_uri, query, **PLACE)
    assert (case["latitude"], case["longitude"], case["address_string"], case["media_url"]) == (
        38.3245, 27.1402, "Sarnıç Mah. 1203 Sok.", "https://example.org/konteyner.jpg")
    public = open311_request(routing, event["payload"]["tracking_number"])
    assert (public["lat"], public["long"], public["address"], public["media_url"]) == (
        38.3245, 27.1402, "Sarnıç Mah. 1203 Sok.", "https://example.org/konteyner.jpg")


def test_an_event_without_a_place_opens_a_case_as_before(routing, amqp_uri, query):
    _event, case = desk_request(amqp_uri, query)
    assert (case["latitude"], case["address_string"], case["media_url"]) == (None, None, None)


def test_a_hidden_applicants_place_is_not_public(routing, amqp_uri, query):
    event, _case = desk_request(amqp_uri, query, hidden=True, **PLACE)
    public = open311_request(routing, event["payload"]["tracking_number"])
    assert "lat" not in public and "media_url" not in public and "1203" not in str(public)


def test_anonymisation_forgets_the_place(routing, amqp_uri, query):
    event, case = desk_request(amqp_uri, query, **PLACE)
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICANTS_ANONYMISED, make_envelope(
        intake.APPLICANTS_ANONYMISED, {"run_id": "6f1c1b4e-3f55-4a8e-9a51-2d8f3c1e0a11", "rule": "test",
                                       "application_ids": [event["payload"]["application_id"]]}, "corr-anon"))
    forgotten = wait_until(lambda: query("SELECT * FROM cases WHERE id = %s AND media_url IS NULL", case["id"]))
    assert forgotten, "the place was kept"
    assert (forgotten[0]["latitude"], forgotten[0]["address_string"]) == (None, None)
