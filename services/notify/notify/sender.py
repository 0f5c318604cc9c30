"""The delivery loop: sends what is due on a channel, retries temporary failures with growing waits,
and records every outcome with its event (`notification_delivered` / `notification_failed`) in one
transaction. A channel is a function `send(row) -> provider's answer`."""
import base64
import logging

from contracts import notify as events

from . import email_channel, metrics, storage
from .failures import PermanentFailure, TemporaryFailure

log = logging.getLogger(__name__)
BATCH = 20


def backoff_seconds(attempts, base):
    """30 s, 1 min, 2 min, … capped at an hour."""
    return min(base * 2 ** (attempts - 1), 3600)


def per_pass(per_minute, pass_seconds):
    """How many messages one pass may send so that a channel stays under `per_minute`."""
    return max(1, int(per_minute * pass_seconds / 60))


def deliver_due(store, channel, send, max_attempts, backoff_base, limit=BATCH):
    """One pass over `channel`'s due messages (at most `limit`, the channel's rate limit); returns
    how many were sent, retried and failed."""
    counts = {"sent": 0, "retried": 0, "failed": 0}
    with store.transaction() as tx:
        due = storage.due_ids(tx.cursor, channel, limit)
    for notification_id in due:
        # one transaction per message: its outcome is on record as soon as it is known, so a crash
        # can repeat at most the message being sent
        with store.transaction() as tx:
            row = storage.claim(tx.cursor, notification_id)
            if row is None:
                continue  # another instance took it
            outcome = _deliver(tx, row, send, max_attempts, backoff_base)
        counts[outcome] += 1
        metrics.DELIVERIES.labels(channel, outcome).inc()
    return counts


def email_sender(settings, fetch_receipt, fetch_answer_file):
    """`send(row)` for e-mail; `fetch_receipt(application_id)` and `fetch_answer_file(case_id, file_id)`
    give (filename, type, bytes)."""
    def send(row):
        attachments = [fetch_receipt(row["application_id"])] if row["attach_receipt"] else []
        attachments += [fetch_answer_file(row["case_id"], ref["id"]) for ref in row["attachments"] or ()]
        message = email_channel.compose(settings, row["recipient"], row["subject"], row["body"], attachments)
        return email_channel.send(settings, message)
    return send


def sms_sender(provider):
    def send(row):
        return provider.send(row["recipient"], row["body"])
    return send


def _deliver(tx, row, send, max_attempts, backoff_base):
    attempts = row["attempts"] + 1
    try:
        response = send(row)
    except PermanentFailure as exc:
        return _failed(tx, row, attempts, str(exc))
    except Exception as exc:  # temporary: the server, the provider, or the receipt from intake is away
        reason = str(exc) if isinstance(exc, TemporaryFailure) else f"{type(exc).__name__}"
        if attempts >= max_attempts:
            return _failed(tx, row, attempts, f"{reason} ({attempts} deneme)")
        storage.retry_later(tx.cursor, row["id"], attempts, reason[:500], backoff_seconds(attempts, backoff_base))
        log.warning("%s %s will be retried (attempt %s): %s", row["channel"], row["id"], attempts, reason[:120])
        return "retried"
    sent_at = storage.mark_sent(tx.cursor, row["id"], attempts, response)
    tx.emit(events.NOTIFICATION_DELIVERED, {**_ref(row), "attempts": attempts, "delivered_at": sent_at})
    return "sent"


def _failed(tx, row, attempts, reason):
    storage.mark_failed(tx.cursor, row["id"], attempts, reason[:500])
    tx.emit(events.NOTIFICATION_FAILED, {**_ref(row), "attempts": attempts, "reason": reason[:500]})
    log.error("%s %s failed for good: %s", row["channel"], row["id"], reason[:120])
    return "failed"


def _ref(row):
    return {"notification_id": row["id"], "kind": row["kind"], "channel": row["channel"],
            "application_id": row["application_id"], "case_id": row["case_id"],
            "tracking_number": row["tracking_number"]}


def answer_file_fetcher(routing_rpc):
    def fetch(case_id, file_id):
        found = routing_rpc.answer_attachment(str(case_id), file_id)
        return found["filename"], found["content_type"], base64.b64decode(found["content_base64"])
    return fetch


def receipt_fetcher(intake_rpc):
    def fetch(application_id):
        return ("alindi-belgesi.pdf", "application/pdf",
                base64.b64decode(intake_rpc.get_receipt(str(application_id))))
    return fetch
