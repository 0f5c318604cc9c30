"""Where an application is about and a link to a picture of it (an Open311 client's address_string, lat,
long and media_url) are kept and travel to routing with `application_received`."""
import json

from contracts import intake as events
from contracts.topology import queue_name
from intake.exceptions import InvalidSubmission
from tests.support.broker import body_text, take_messages

from .test_submission import complaint, submit

RECEIVED_QUEUE = queue_name("routing", events.EXCHANGE, events.APPLICATION_RECEIVED)


def test_a_described_place_and_a_picture_are_kept_and_announced(intake, amqp_uri, query):
    submit(intake, complaint(channel="halk_masasi", type="istek", location={"description": "Sarnıç Mah. 1203 Sok."},
                             media_url="https://example.org/konteyner.jpg"), "open311:sehir")
    [message] = take_messages(amqp_uri, RECEIVED_QUEUE, expected=1)
    payload = json.loads(body_text(message))["payload"]
    assert payload["location"] == {"description": "Sarnıç Mah. 1203 Sok."}
    assert payload["media_url"] == "https://example.org/konteyner.jpg"
    [row] = query("SELECT location, media_url FROM applications")
    assert row == {"location": {"description": "Sarnıç Mah. 1203 Sok."},
                   "media_url": "https://example.org/konteyner.jpg"}


def test_without_a_place_the_event_says_none(intake, amqp_uri):
    submit(intake, complaint())
    [message] = take_messages(amqp_uri, RECEIVED_QUEUE, expected=1)
    payload = json.loads(body_text(message))["payload"]
    assert payload["location"] is None and payload["media_url"] is None


def test_half_a_point_or_a_link_that_is_not_a_web_address_is_refused(intake, query):
    for wrong in ({"location": {"latitude": 38.3}}, {"location": {}}, {"media_url": "javascript:alert(1)"}):
        try:
            submit(intake, complaint(**wrong))
        except InvalidSubmission as refused:
            assert set(refused.args[0]) <= {"location", "media_url"}, refused.args[0]
        else:
            raise AssertionError(f"{wrong} was accepted")
    assert query("SELECT count(*) AS n FROM applications")[0]["n"] == 0
