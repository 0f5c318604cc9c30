"""What happens to a message whose handler failed (DESIGN.md §3.3).

nameko acks a message whose handler raised and forgets it. Here every failure is decided:

- a *transient* error (database or broker away, `TransientError`) is retried after a growing delay,
  by parking the message in a delay queue that dead-letters it back to its own queue;
- anything else, or a transient error that outlived its attempts, goes to the service's
  dead-letter queue `<service>.dead-letters` with the error, the original queue and the attempts,
  where operations can inspect and replay it (`deadletters` command).

The original message is acked only after its copy was confirmed by the broker, so nothing is lost
between the two; a consumer never stops for a poison message.
"""
import logging
import uuid
from datetime import datetime, timezone

import amqp.exceptions
import kombu.exceptions
from nameko.amqp.publish import Publisher

from . import metrics
from .db import TRANSIENT_DB_ERRORS
from .topology import dead_letter_queue, delay_queue

LETTER_ID_HEADER = "x-dead-letter-id"  # names one dead letter for inspecting, replaying or purging it

log = logging.getLogger(__name__)

RETRY_DELAYS_SECONDS = (1, 5, 30, 120)
ATTEMPTS_HEADER = "x-attempts"


class TransientError(Exception):
    """Raise from a handler for a failure worth retrying later."""


class PermanentError(Exception):
    """Raise from a handler for a message that can never succeed as it is (it is dead-lettered)."""


def is_transient(exc):
    return isinstance(exc, (TransientError, ConnectionError, TimeoutError, kombu.exceptions.OperationalError,
                            amqp.exceptions.ConnectionError) + TRANSIENT_DB_ERRORS)


def retry_queue(queue_name, delay_seconds):
    """A delay queue: messages wait `delay_seconds`, then the broker moves them back to `queue_name`."""
    return delay_queue(queue_name, int(delay_seconds * 1000))


def parse_delays(text):
    """`"1,5,30,120"` -> (1.0, 5.0, 30.0, 120.0): the config value `RETRY_DELAYS_SECONDS`."""
    if not text:
        return RETRY_DELAYS_SECONDS
    return tuple(float(part) for part in str(text).split(",") if part.strip())


class FailurePolicy:
    """Decides, and carries out, the fate of a failed message from `queue_name`."""

    def __init__(self, service_name, amqp_uri, delays=RETRY_DELAYS_SECONDS):
        self.service_name = service_name
        self.delays = tuple(delays)
        self.publisher = Publisher(amqp_uri, use_confirms=True, delivery_mode=2)

    def handle(self, message, queue_name, exc, event_type="-"):
        attempts = int((message.headers or {}).get(ATTEMPTS_HEADER, 0)) + 1
        if is_transient(exc) and attempts <= len(self.delays):
            self.retry_later(message, queue_name, attempts)
            metrics.MESSAGES_CONSUMED.labels(self.service_name, event_type, "retried").inc()
            return "retried"
        self.dead_letter(message, queue_name, reason=describe(exc), attempts=attempts)
        metrics.MESSAGES_CONSUMED.labels(self.service_name, event_type, "dead_lettered").inc()
        return "dead_lettered"

    def retry_later(self, message, queue_name, attempts):
        delay = self.delays[attempts - 1]
        queue = retry_queue(queue_name, delay)
        self._republish(message, routing_key=queue.name, declare=[queue],
                        headers={ATTEMPTS_HEADER: attempts})
        log.warning("message from %s will be retried in %ss (attempt %s)", queue_name, delay, attempts)

    def dead_letter(self, message, queue_name, reason, attempts=1):
        queue = dead_letter_queue(self.service_name)
        self._republish(message, routing_key=queue.name, declare=[queue], headers={
            ATTEMPTS_HEADER: attempts,
            LETTER_ID_HEADER: str(uuid.uuid4()),
            "x-error": reason[:1000],
            "x-original-queue": queue_name,
            "x-original-exchange": message.delivery_info.get("exchange", ""),
            "x-original-routing-key": message.delivery_info.get("routing_key", ""),
            "x-failed-at": datetime.now(timezone.utc).isoformat(),
        })
        metrics.DEAD_LETTERS.labels(self.service_name, reason.split(":")[0][:60]).inc()
        log.error("message from %s dead-lettered: %s", queue_name, reason[:200])

    def _republish(self, message, routing_key, declare, headers):
        # the body is passed on as the raw bytes received, whatever they are
        merged = dict(message.headers or {})
        merged.update(headers)
        body = message.body.encode("utf-8") if isinstance(message.body, str) else message.body
        self.publisher.publish(
            body, exchange="", routing_key=routing_key, declare=declare, headers=merged,
            content_type=message.content_type or "application/octet-stream",
            content_encoding=message.content_encoding or "binary",
            message_id=message.properties.get("message_id"), type=message.properties.get("type"),
            serializer=None, retry=True, retry_policy={"max_retries": 5})


def describe(exc):
    """`ExceptionName: message`, the reason stored with a dead letter (never a traceback)."""
    text = str(exc) or repr(exc)
    return f"{type(exc).__name__}: {text}"
