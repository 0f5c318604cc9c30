"""What notify says it told (or failed to tell) shows on the case, in whatever order the events come."""
import uuid
from datetime import datetime, timezone

from nameko.testing.services import entrypoint_waiter

from contracts import intake, notify
from contracts.envelope import make_envelope
from tests.support.broker import publish_raw, wait_until
from tests.support.routing_events import SAMPLE, case_of


def outcome(event_type, application_id, kind, **details):
    return make_envelope(event_type, {
        "notification_id": str(uuid.uuid4()), "kind": kind, "channel": "email", "application_id": application_id,
        "case_id": None, "tracking_number": "GZM-2026-000777", "attempts": 1, **details}, "corr-notice")


def test_a_receipt_delivered_before_its_case_is_opened_still_shows_on_the_case(routing, amqp_uri, query):
    application_id = str(uuid.uuid4())
    delivered = outcome(notify.NOTIFICATION_DELIVERED, application_id, "receipt",
                        delivered_at=datetime.now(timezone.utc).isoformat())
    # notify e-mailed the receipt before routing had read the application it is about
    with entrypoint_waiter(routing, "handle_notification_delivered"):
        publish_raw(amqp_uri, notify.EXCHANGE, notify.NOTIFICATION_DELIVERED, delivered)
    assert not query("SELECT 1 FROM inbox WHERE event_id = %s", delivered["event_id"]), \
        "an outcome tried again later must not count as seen"

    received = make_envelope(intake.APPLICATION_RECEIVED, dict(SAMPLE, application_id=application_id,
                                                                tracking_number="GZM-2026-000777"), "corr-notice")
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, received)
    case = case_of(query, received)
    shown = wait_until(lambda: query("SELECT details FROM case_events WHERE case_id = %s "
                                     "AND action = 'notice_delivered'", case["id"]), timeout=30)
    assert shown, "the case never showed that the applicant was told"
    assert [row["details"]["kind"] for row in shown] == ["receipt"]


def test_a_notice_of_an_application_not_processed_is_taken_once_and_not_waited_for(routing, amqp_uri, query):
    failed = outcome(notify.NOTIFICATION_FAILED, str(uuid.uuid4()), notify.NOT_PROCESSED_NOTICE,
                     reason="550 no such user")
    # no case is ever opened for an application that was not processed: nothing to wait for
    with entrypoint_waiter(routing, "handle_notification_failed"):
        publish_raw(amqp_uri, notify.EXCHANGE, notify.NOTIFICATION_FAILED, failed)
    assert query("SELECT 1 FROM inbox WHERE event_id = %s", failed["event_id"])
    assert not query("SELECT 1 FROM case_events WHERE action = 'notice_failed'")
