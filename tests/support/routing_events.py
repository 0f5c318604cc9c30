"""Play intake for routing's tests: publish `application_received`, wait for the case it opens."""
import uuid

from contracts import intake
from contracts.envelope import make_envelope
from contracts.samples import load_samples

from .broker import publish_raw, wait_until

SAMPLE = load_samples()[("intake", intake.APPLICATION_RECEIVED)]["payload"]


def received(amqp_uri, **changes):
    """Publish an application_received event (the sample, with a new id and the given changes)."""
    payload = dict(SAMPLE, application_id=str(uuid.uuid4()),
                   tracking_number=f"GZM-2026-{uuid.uuid4().int % 10**6:06d}", **changes)
    event = make_envelope(intake.APPLICATION_RECEIVED, payload, "corr-routing")
    publish_raw(amqp_uri, intake.EXCHANGE, intake.APPLICATION_RECEIVED, event)
    return event


def case_of(query, event):
    """The case routing opened for `event`, once it exists."""
    rows = wait_until(lambda: query("SELECT * FROM cases WHERE application_id = %s",
                                    event["payload"]["application_id"]))
    assert rows, "no case was opened"
    return rows[0]
