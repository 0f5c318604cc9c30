"""One attempt at one submission, through its door, as a real client makes it; each client thread
has its own `Doors` (its own HTTP sessions and broker publisher).

An attempt answers an `Outcome`: acknowledged (201/200 for an application, 202 for an inbound
event, a broker confirm for a publish), refused for good (a 4xx the client cannot fix by waiting),
or worth another try with the same key (no answer, 5xx, 429, an expired staff token, a broker away).
"""
from dataclasses import dataclass

import requests
from nameko.amqp.publish import Publisher

from contracts import inbound
from deploy.local.clients import bearer_session
from servicekit import topology

from .launch import STAFF_PASSWORD, STAFF_USER

APPLICATIONS = "/api/v1/applications"
INBOUND_EVENTS = "/api/v1/inbound/events"
ACKNOWLEDGED = {"api": (200, 201), "staff": (200, 201), "inbound_http": (202,)}


@dataclass(frozen=True)
class Outcome:
    acknowledged: bool = False
    final: bool = False  # refused: retrying with the same request cannot help
    status: object = None  # HTTP status, "confirmed", or the error's name
    application_id: str = None
    retry_after: float = 0.0


class Doors:
    def __init__(self, platform, timeout):
        self.platform = platform
        self.timeout = timeout
        self.api = requests.Session()
        self.api.auth = platform.api_auth
        self.portal = requests.Session()
        self.portal.auth = platform.portal_auth
        self.staff = None  # signed in on first use, and again when the token is refused
        self.publisher = Publisher(platform.amqp_uri, use_confirms=True, mandatory=True, delivery_mode=2,
                                   serializer="json")

    def attempt(self, submission):
        try:
            if submission.channel == "amqp":
                return self._publish(submission)
            return self._post(submission)
        except requests.RequestException as exc:
            return Outcome(status=type(exc).__name__)
        except Exception as exc:  # the broker away, a connection reset, a confirm that never came
            return Outcome(status=type(exc).__name__)

    def _post(self, submission):
        if submission.channel == "inbound_http":
            session, path, headers = self.portal, INBOUND_EVENTS, {}
        else:
            session = self.api if submission.channel == "api" else self._staff_session()
            path, headers = APPLICATIONS, {"Idempotency-Key": submission.key}
        response = session.post(self.platform.url + path, json=submission.body, headers=headers,
                                timeout=self.timeout)
        status = response.status_code
        if status in ACKNOWLEDGED[submission.channel]:
            application_id = response.json().get("id") if path == APPLICATIONS else None
            return Outcome(acknowledged=True, status=status, application_id=application_id)
        if status == 401 and submission.channel == "staff":
            self.staff = None  # the token expired, or the sign-in was lost: sign in again
            return Outcome(status=status)
        if status == 429:
            return Outcome(status=status, retry_after=float(response.headers.get("Retry-After") or 1))
        if status >= 500 or status == 408:
            return Outcome(status=status)
        return Outcome(final=True, status=status)

    def _staff_session(self):
        if self.staff is None:
            self.staff = bearer_session(self.platform.url, STAFF_USER, STAFF_PASSWORD)  # raises while it cannot
        return self.staff

    def _publish(self, submission):
        envelope = submission.body
        exchange = topology.event_exchange(inbound.EXCHANGE)
        self.publisher.publish(envelope, exchange=exchange, routing_key=inbound.APPLICATION_SUBMITTED,
                               declare=[exchange], message_id=envelope["event_id"], type=inbound.APPLICATION_SUBMITTED,
                               headers={"nameko.correlation_id": envelope["correlation_id"]},
                               retry=True, retry_policy={"max_retries": 1, "interval_start": 0.2})
        return Outcome(acknowledged=True, status="confirmed")

    def close(self):
        for session in (self.api, self.portal, self.staff):
            if session is not None:
                session.close()
