"""What the load submits: one application per number, through one of four doors in turn, each with
the key a real client would keep for its retries.

- `api`: another system's signed `POST /api/v1/applications`, with an `Idempotency-Key` and its
  own `source_reference`;
- `staff`: the PR desk's `POST /api/v1/applications` with a bearer token and an `Idempotency-Key`;
- `amqp`: an `application_submitted` envelope published to `ebelediye.inbound` with a confirm; the
  event id and the `source_reference` stay the same on every retry;
- `inbound_http`: the same envelope posted to `POST /api/v1/inbound/events` (202).

Every subject carries a marker, `[chaos <run>-<n>]`, so the checks count what intake stored for each
number whatever the idempotency machinery did. The applicants are invented; nothing is printed.
"""
import re
from dataclasses import dataclass, field

from contracts import inbound
from contracts.envelope import make_envelope

CHANNELS = ("api", "staff", "amqp", "inbound_http")
MARKER = re.compile(r"\[chaos ([0-9a-f]+)-(\d+)\]")


@dataclass
class Submission:
    """One application as the client sees it, from its first attempt to its answer."""
    n: int
    channel: str
    key: str  # Idempotency-Key, or the envelope's event id
    source_system: str = None
    source_reference: str = None
    body: dict = None  # the JSON sent on every attempt (the envelope for amqp and inbound_http)
    first_sent: float = None
    acknowledged_at: float = None
    status: object = None  # the last answer: an HTTP status, "confirmed", or an error's name
    application_id: str = None  # as the gateway answered
    attempts: int = 0
    errors: list = field(default_factory=list)  # (time, kind) of every failed attempt

    @property
    def acknowledged(self):
        return self.acknowledged_at is not None


def marker(run_id, n):
    return f"[chaos {run_id}-{n}]"


def application(run_id, n, channel):
    """An application without formal defects (so it is received, gets a case and a receipt)."""
    data = {
        "channel": "cimer", "type": "sikayet", "category": "cop", "neighbourhood": "Sarnıç",
        "subject": f"Çöp toplanmıyor {marker(run_id, n)}",
        "body": "Sokağımızda üç gündür çöp alınmadı, konteynerler taştı.",
        "applicant": {"full_name": "Deneme Başvuru Sahibi", "email": f"chaos-{run_id}-{n}@example.org",
                      "postal_address": "Sarnıç Mah. 1 Sok. No 2", "preferred_reply_channel": "email"},
    }
    if channel == "staff":
        data.update(channel="dilekce", type="istek", category="aydinlatma", neighbourhood="Aktepe",
                    subject=f"Sokak lambası yanmıyor {marker(run_id, n)}",
                    body="Aktepe'de sokak lambası bir haftadır yanmıyor.")
    elif channel in ("amqp", "inbound_http"):
        data.update(channel="e_belediye", type="istek", category="aydinlatma", neighbourhood="Aktepe",
                    subject=f"Sokak lambası yanmıyor {marker(run_id, n)}",
                    body="Aktepe'de sokak lambası bir haftadır yanmıyor.")
    return data


def make(run_id, n):
    """The n-th submission of a run; the channel goes round the four doors."""
    channel = CHANNELS[n % len(CHANNELS)]
    data = application(run_id, n, channel)
    if channel == "staff":
        return Submission(n, channel, key=f"chaos-{run_id}-{n}", body=data)
    source_system = f"chaos-{channel}".replace("_", "-")
    data.update(source_system=source_system, source_reference=f"CHAOS-{run_id}-{n}")
    if channel == "api":
        return Submission(n, channel, key=f"chaos-{run_id}-{n}", source_system=source_system,
                          source_reference=data["source_reference"], body=data)
    envelope = make_envelope(inbound.APPLICATION_SUBMITTED, data, f"chaos-{run_id}-{n}")  # JSON-ready
    return Submission(n, channel, key=envelope["event_id"], source_system=source_system,
                      source_reference=data["source_reference"], body=envelope)
