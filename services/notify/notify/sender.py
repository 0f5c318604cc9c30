"""The delivery loop: sends what is due on a channel, retries temporary failures with growing waits,
and records every outcome with its event (`notification_delivered` / `notification_failed`) in one
transaction. A channel is a function `send(row) -> provider's answer`."""
import base64
import logging

import eventlet

from contracts import attachments, notify as events

from servicekit import files
from servicekit.db import TRANSIENT_DB_ERRORS

from . import email_channel, letter, metrics, storage
from .failures import PermanentFailure, TemporaryFailure, UnfitFile

log = logging.getLogger(__name__)
BATCH = 20
# longer than any send can take (SMTP timeout, the receipt from intake): a message 'sending' for longer
# was being sent by a process that died
SENDING_TIMEOUT_SECONDS = 120
RECORD_TRIES = 40  # about two and a half minutes of waiting for the database


def backoff_seconds(attempts, base):
    """30 s, 1 min, 2 min, … capped at an hour."""
    return min(base * 2 ** (attempts - 1), 3600)


def per_pass(per_minute, pass_seconds):
    """How many messages one pass may send so that a channel stays under `per_minute`."""
    return max(1, int(per_minute * pass_seconds / 60))


def deliver_due(store, channel, send, max_attempts, backoff_base, limit=BATCH, concurrency=1,
                sending_timeout=SENDING_TIMEOUT_SECONDS):
    """One pass over `channel`'s due messages (at most `limit`, the channel's rate limit), `concurrency`
    at a time; returns how many were sent, retried and failed."""
    with store.transaction() as tx:
        storage.requeue_stale_sending(tx.cursor, sending_timeout)
        due = storage.due_ids(tx.cursor, channel, limit)
    counts = {"sent": 0, "retried": 0, "failed": 0, "taken": 0}
    pool = eventlet.GreenPool(max(1, concurrency))
    for outcome in pool.imap(lambda notification_id: _deliver_one(store, notification_id, send, max_attempts,
                                                                  backoff_base), due):
        counts[outcome] += 1
        if outcome != "taken":
            metrics.DELIVERIES.labels(channel, outcome).inc()
    del counts["taken"]
    return counts


def _deliver_one(store, notification_id, send, max_attempts, backoff_base):
    # claimed and marked 'sending' in a transaction of its own, sent with no transaction open, and the
    # outcome recorded after: a database that goes away meanwhile delays the record, it does not make
    # the message go twice
    with store.transaction() as tx:
        row = storage.claim(tx.cursor, notification_id)
    if row is None:
        return "taken"  # another instance took it
    outcome = _attempt(row, send, max_attempts, backoff_base)
    return _record(store, row, outcome)


def _attempt(row, send, max_attempts, backoff_base):
    """What the channel said: ("sent", answer), ("failed", reason) or ("retried", reason, delay)."""
    attempts = row["attempts"] + 1
    try:
        return ("sent", send(row))
    except PermanentFailure as exc:
        return ("failed", str(exc))
    except Exception as exc:  # temporary: the server, the provider, or the receipt from intake is away
        reason = str(exc) if isinstance(exc, TemporaryFailure) else f"{type(exc).__name__}"
        if attempts >= max_attempts:
            return ("failed", f"{reason} ({attempts} deneme)")
        return ("retried", reason, backoff_seconds(attempts, backoff_base))


def _record(store, row, outcome, tries=RECORD_TRIES):
    """Write the outcome with its event; the outcome is known and must not be lost, so a database
    that is away is waited for (a restart takes seconds)."""
    for attempt in range(1, tries + 1):
        try:
            with store.transaction() as tx:
                return _write_outcome(tx, row, outcome)
        except TRANSIENT_DB_ERRORS as exc:
            if attempt == tries:
                log.error("%s %s: outcome %s not recorded (%s); it will be sent again", row["channel"],
                          row["id"], outcome[0], type(exc).__name__)
                raise
            eventlet.sleep(min(0.5 * attempt, 5))


def _write_outcome(tx, row, outcome):
    attempts = row["attempts"] + 1
    if outcome[0] == "sent":
        sent_at = storage.mark_sent(tx.cursor, row["id"], attempts, outcome[1])
        tx.emit(events.NOTIFICATION_DELIVERED, {**reference(row), "attempts": attempts, "delivered_at": sent_at})
        return "sent"
    if outcome[0] == "failed":
        return _failed(tx, row, attempts, outcome[1])
    _, reason, delay = outcome
    storage.retry_later(tx.cursor, row["id"], attempts, reason[:500], delay)
    log.warning("%s %s will be retried (attempt %s): %s", row["channel"], row["id"], attempts, reason[:120])
    return "retried"


def email_sender(settings, fetch, letterhead=()):
    """`send(row)` for e-mail; `fetch(kind, id)` (`attachment_fetcher`) gives the files it carries as
    (filename, type, bytes). An answer carries its letter as a PDF."""
    def send(row):
        attachments = [receipt(fetch, row)] if row["attach_receipt"] else []
        if row["attach_letter"]:
            attachments.append((f"cevap-yazisi-{row['tracking_number']}.pdf", "application/pdf",
                                letter.render_letter(letter.of_message(row, list(letterhead)))))
        attachments += [referenced(fetch, ref) for ref in row["attachments"] or ()]
        message = email_channel.compose(settings, row["recipient"], row["subject"], row["body"], attachments,
                                        message_id=row["id"])
        return email_channel.send(settings, message)
    return send


def sms_sender(provider):
    def send(row):
        return provider.send(row["recipient"], row["body"])
    return send


def _failed(tx, row, attempts, reason):
    stored = storage.mark_failed(tx.cursor, row["id"], attempts, reason[:500])
    tx.emit(events.NOTIFICATION_FAILED, {**reference(row), "attempts": attempts, "reason": stored})
    log.error("%s %s failed for good: %s", row["channel"], row["id"], reason[:120])
    return "failed"


def reference(row):
    """What a delivery event says of its message: never the address or the text."""
    return {"notification_id": row["id"], "kind": row["kind"], "channel": row["channel"],
            "application_id": row["application_id"], "case_id": row["case_id"],
            "tracking_number": row["tracking_number"]}


def attachment_fetcher(owners):
    """`fetch(kind, id)` -> (filename, type, bytes): a file another service keeps, asked of its owner with
    the one `attachment(kind, id)` operation (`contracts.attachments`); `owners` maps each owning service's
    name to an RPC proxy of it."""
    def fetch(kind, file_id):
        owner = attachments.OWNERS.get(kind)
        if owner is None:
            raise PermanentFailure(f"bilinmeyen ek türü: {kind}")
        answer = getattr(owners[owner], attachments.ATTACHMENT)(kind, str(file_id))
        found = attachments.AttachmentFileSchema().load(answer)
        return checked(found["filename"], found["content_type"], base64.b64decode(found["content_base64"]))
    return fetch


def receipt(fetch, row):
    """The receipt of the application a message is about."""
    return fetch(attachments.RECEIPT_PDF, row["application_id"])


def referenced(fetch, ref):
    """A file a message names, `{"kind", "id", "filename"}`; a reference stored before files were named by
    kind (`{"id", "filename"}`) is an answer's file."""
    return fetch(ref.get("kind") or attachments.ANSWER_FILE, ref["id"])


def checked(filename, content_type, content):
    """A fetched file as it may go out: under a safe base name, and only if its bytes are of its type
    (the services check files as they take them in; this holds for anything stored before they did)."""
    name = files.safe_filename(filename)
    if files.mismatch(content, content_type):
        raise UnfitFile(f"ek dosyanın içeriği türüne uymuyor: {name}")
    return name, content_type, content
