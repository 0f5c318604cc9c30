"""After the load: wait (bounded) for the system to settle, then prove from the services' own
databases, the broker and the SMTP sink that every acknowledged application was done exactly once.

For each submission the client saw acknowledged: exactly one application in intake (counted by the
marker in its subject, whatever the idempotency keys did), the id the gateway answered is that
application's, exactly one case for it in routing, exactly one receipt e-mail with its tracking
number in the sink. For every submission, acknowledged or not: never two applications, cases or
receipts. And nothing unsent in any service's outbox, no event waiting in any queue, every dead
letter listed with its reason.
"""
import email.policy
import os
import time
from collections import Counter
from email.parser import BytesHeaderParser

import amqp.exceptions
import psycopg2
from kombu import Connection

from contracts import topology as contract_topology
from servicekit.deadletters import list_dead_letters
from servicekit.failures import parse_delays, retry_queue

from .launch import SERVICES
from .submissions import MARKER

RECEIPT_SUBJECT = "Başvurunuz alındı — "
# the running services with queues (and dead letters); a queue bound for a service not started here is not ours
CONSUMERS = sorted({consumer for consumers in contract_topology.SUBSCRIPTIONS.values() for consumer in consumers}
                   & set(SERVICES))
SAMPLES = 10  # lost or doubled submissions listed by number, door and tracking number (never personal data)
_HEADERS = BytesHeaderParser(policy=email.policy.default)


def query(db_url, sql, args=None):
    conn = psycopg2.connect(db_url, connect_timeout=10)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()
    finally:
        conn.close()


class Mailbox:
    """The sink's folder: receipts counted by tracking number (each file's headers read once). Every
    file is one e-mail in the applicant's mailbox, even when two carry the same Message-ID."""

    def __init__(self, folder):
        self.folder = folder
        self._seen = {}  # file name -> (tracking number, Message-ID) of a receipt, or None for any other message

    def receipts(self):
        for entry in os.scandir(self.folder):
            if entry.name.endswith(".eml") and entry.name not in self._seen:
                with open(entry.path, "rb") as handle:
                    headers = _HEADERS.parse(handle)
                subject = str(headers.get("Subject") or "")
                self._seen[entry.name] = (subject[len(RECEIPT_SUBJECT):].strip(), str(headers.get("Message-ID"))) \
                    if subject.startswith(RECEIPT_SUBJECT) else None
        return Counter(seen[0] for seen in self._seen.values() if seen)

    def resent(self):
        """Receipts in the mailbox more than once with one Message-ID (the same message sent again)."""
        copies = Counter(seen for seen in self._seen.values() if seen)
        return sum(count - 1 for count in copies.values())


def snapshot(platform, mailbox):
    """What the system holds now: intake's applications by marker, cases and receipts, outboxes."""
    applications = {}
    for app_id, tracking, status, subject in query(
            platform.db_urls["intake"], "SELECT id::text, tracking_number, status, subject FROM applications"):
        found = MARKER.search(subject)
        if found:
            applications.setdefault(int(found.group(2)), []).append((app_id, tracking, status))
    cases = Counter(dict(query(platform.db_urls["routing"],
                               "SELECT application_id::text, count(*) FROM cases GROUP BY 1")))
    unsent = {service: query(platform.db_urls[service], "SELECT count(*) FROM outbox WHERE sent_at IS NULL")[0][0]
              for service in SERVICES}  # every service keeps servicekit's outbox, whether it publishes or not
    return {"applications": applications, "cases": cases, "receipts": mailbox.receipts(), "unsent": unsent}


def verify(submitted, state):
    """The figures of one snapshot against what the clients were told."""
    applications, cases, receipts = state["applications"], state["cases"], state["receipts"]
    acked = [s for s in submitted if s.acknowledged]
    lost, samples = Counter(), []
    case_count = receipt_count = 0
    for submission in acked:
        stored = applications.get(submission.n)
        app_id, tracking, status = stored[0] if stored else (None, None, None)
        case_count += cases[app_id] if stored else 0
        receipt_count += receipts[tracking] if stored else 0
        missing = _missing(submission, stored, app_id, status, cases[app_id], receipts[tracking])
        if missing:
            lost[missing] += 1
            samples.append(_sample(submission, "lost " + missing, tracking))
    ours = [row for rows in applications.values() for row in rows]
    duplicates = {
        "applications": sum(len(rows) - 1 for rows in applications.values()),
        "cases": sum(cases[app_id] - 1 for app_id, _, _ in ours if cases[app_id] > 1),
        "receipts": sum(receipts[tracking] - 1 for _, tracking, _ in ours if receipts[tracking] > 1),
    }
    numbers = {s.n: s for s in submitted}
    for n, rows in applications.items():
        for kind, twice in (("applications", len(rows) > 1), ("cases", any(cases[row[0]] > 1 for row in rows)),
                            ("receipts", any(receipts[row[1]] > 1 for row in rows))):
            if twice and n in numbers:
                samples.append(_sample(numbers[n], "two " + kind, rows[0][1]))
    return {
        "submitted": len(submitted), "acknowledged": len(acked),
        "not_acknowledged": len(submitted) - len(acked),
        "stored_not_acknowledged": sum(1 for s in submitted if not s.acknowledged and s.n in applications),
        "strangers": sum(1 for n in applications if n not in numbers),
        "applications": len(ours), "cases": case_count, "receipts": receipt_count,
        "lost": sum(lost.values()), "lost_by_kind": dict(lost),
        "duplicates": sum(duplicates.values()), "duplicates_by_kind": duplicates,
        "outbox_unsent": state["unsent"],
        "samples": samples[:SAMPLES],
    }


def _missing(submission, stored, app_id, status, cases, receipts):
    """What an acknowledged submission lacks (None when it has everything, once or more)."""
    if not stored:
        return "application"
    if submission.application_id not in (None, app_id):
        return "answered id not stored"
    if status != "received":
        return "not processed"
    if not cases:
        return "case"
    if not receipts:
        return "receipt"
    return None


def _sample(submission, what, tracking):
    return {"n": submission.n, "door": submission.channel, "what": what, "tracking_number": tracking,
            "first_sent": submission.first_sent, "acknowledged_at": submission.acknowledged_at}


def queue_depths(amqp_uri, names):
    """Messages waiting in each queue that exists, of `names`."""
    depths = {}
    with Connection(amqp_uri, connect_timeout=10) as conn:
        channel = conn.channel()
        for name in names:
            try:
                depths[name] = channel.queue_declare(name, passive=True).message_count
            except amqp.exceptions.NotFound:
                channel = conn.channel()  # the broker closed the channel: the queue was never declared
    return depths


def event_queues():
    return [queue for _exchange, _event_type, queue in contract_topology.bindings()
            if queue.split(".", 1)[0] in CONSUMERS]


def retry_queues(delays_text):
    return [retry_queue(queue, delay).name for queue in event_queues() for delay in parse_delays(delays_text)]


def settled(figures, depths):
    return figures["lost"] == 0 and not any(figures["outbox_unsent"].values()) and not any(depths.values())


def settle(platform, submitted, timeout, poll_seconds=1.0):
    """Poll until every acknowledged application has its case and receipt, the outboxes are empty and
    no event waits in a queue, or `timeout` passes; returns (seconds taken or None, figures)."""
    mailbox = Mailbox(platform.sink.folder)
    started = time.monotonic()
    while True:
        try:
            figures = verify(submitted, snapshot(platform, mailbox))
            depths = queue_depths(platform.amqp_uri, event_queues())
            if settled(figures, depths):
                return round(time.monotonic() - started, 2), figures
        except (psycopg2.Error, OSError, amqp.exceptions.AMQPError) as exc:
            figures = {"error": f"{type(exc).__name__}"}
        if time.monotonic() - started > timeout:
            return None, figures
        time.sleep(poll_seconds)


def final(platform, submitted):
    """The figures after settling, with what still waits in queues, receipts by notify's own records,
    and every dead letter (its reason, never its body)."""
    mailbox = Mailbox(platform.sink.folder)
    figures = verify(submitted, snapshot(platform, mailbox))
    figures["receipts_resent_same_message_id"] = mailbox.resent()
    delays = platform.system.env.get("RETRY_DELAYS_SECONDS")
    waiting = queue_depths(platform.amqp_uri, event_queues() + retry_queues(delays))
    figures["queued_messages"] = {name: depth for name, depth in waiting.items() if depth}
    figures["receipt_records"] = dict(query(platform.db_urls["notify"],
                                            "SELECT status, count(*) FROM notifications WHERE kind = 'receipt' "
                                            "GROUP BY status"))
    figures["dead_letters"] = [
        {"service": service, "queue": letter["original_queue"], "attempts": letter["attempts"],
         "message_id": letter["message_id"], "error": (letter["error"] or "")[:200]}
        for service in CONSUMERS for letter in list_dead_letters(platform.amqp_uri, service)]
    return figures
