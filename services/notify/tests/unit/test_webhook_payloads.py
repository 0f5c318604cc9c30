"""What a webhook carries: only the fields its contract lists for the event type (no lookup code, no
personal data, no text someone wrote), and only to the API client that submitted the application."""
import json

import pytest

from contracts import intake, notify, routing
from contracts.samples import load_samples
from notify import webhooks

SAMPLES = load_samples()
MODULES = {"intake": intake, "routing": routing}


def as_notify_reads_it(event_type):
    """The sample envelope of `event_type`, its payload loaded as notify's consumer loads it."""
    source = "intake" if event_type in intake.EVENT_TYPES else "routing"
    envelope = SAMPLES[(source, event_type)]
    return {**envelope, "payload": MODULES[source].PAYLOAD_SCHEMAS[event_type]().load(envelope["payload"])}


@pytest.mark.parametrize("event_type", sorted(notify.WEBHOOK_FIELDS))
def test_a_webhook_carries_exactly_the_fields_its_contract_lists(event_type):
    body = json.loads(webhooks.public_body(event_type, as_notify_reads_it(event_type)))
    assert body["event_type"] == event_type
    assert set(body["payload"]) == {name.split(".")[0] for name in notify.WEBHOOK_FIELDS[event_type]}
    for secret_or_personal in ("lookup_code", "applicant", "subject", "text", "reason", "by", "remedy",
                               "possible_duplicate_of", "attachments", "escalate_to", "submitted_by"):
        assert secret_or_personal not in body["payload"]


def test_an_application_received_goes_out_without_the_lookup_code_or_the_applicants_words():
    event = as_notify_reads_it(intake.APPLICATION_RECEIVED)
    event["payload"].update(lookup_code="K7P2-M9QX", subject="Ayşe Yılmaz 0532 111 22 33: çöp")
    body = webhooks.public_body(intake.APPLICATION_RECEIVED, event)
    assert "K7P2" not in body and "Ayşe" not in body and "0532" not in body and "ayse" not in body
    assert json.loads(body)["payload"]["tracking_number"] == event["payload"]["tracking_number"]


def test_an_approved_answer_goes_out_without_its_text():
    event = as_notify_reads_it(routing.ANSWER_APPROVED)
    body = json.loads(webhooks.public_body(routing.ANSWER_APPROVED, event))
    assert event["payload"]["text"] not in json.dumps(body, ensure_ascii=False)
    assert body["payload"]["outcome"] == event["payload"]["outcome"]


def test_a_system_may_subscribe_to_every_application_and_case_event_notify_hears_and_to_no_other():
    from contracts.notify_api import WEBHOOK_EVENT_TYPES
    assert set(WEBHOOK_EVENT_TYPES) == {intake.APPLICATION_RECEIVED, intake.APPLICATION_NOT_PROCESSED,
                                        *routing.EVENT_TYPES}


@pytest.mark.parametrize("client_id, submitted_by, entitled", [
    ("portal", "portal", True),
    ("portal", "open311:portal", True),
    ("portal", "cimer", False),              # another client's application
    ("portal", "open311:sehir", False),
    ("portal", "inbound:portal", False),     # came in over the inbound exchange, not as this client
    ("portal", None, False),                 # the submitter is not known here
    ("", "", False),
])
def test_only_the_submitting_client_hears_of_an_application(client_id, submitted_by, entitled):
    assert webhooks.entitled(client_id, submitted_by) is entitled
