"""After the load: notify's receipt e-mails, from the gateway's 201 to a file in the SMTP sink.

Every accepted application whose applicant has an e-mail address (all of the benchmark's) gets one
receipt: intake's `application_received` event reaches notify, which queues the message; notify's
delivery loop (every `DELIVER_SECONDS`) fetches the receipt PDF from intake over RPC and sends the
e-mail over SMTP to the sink, which writes it as one `.eml` file. The file's mtime is when it
arrived; its Subject carries the tracking number ("Başvurunuz alındı — GZM-YYYY-NNNNNN"), which
matches it to the time its POST came back.

The same loop also sends staff notices ("Yeni dosya GZM-…" to the PR desk's mailbox when routing opens
the case), but only in Istanbul working hours: they are counted apart, by the start of their Subject.
"""
import email.policy
import os
import re
import time
from collections import Counter
from email.parser import BytesHeaderParser

import psycopg2

from .cpu import Meter
from .stats import ms, percentile, rate

TRACKING_NUMBER = re.compile(r"GZM-\d{4}-\d{6}")
RECEIPT_SUBJECT = "Başvurunuz alındı"
POLL_SECONDS = 0.1
_HEADERS = BytesHeaderParser(policy=email.policy.default)


def measure(folder, notify_db_url, accepted_log, seconds, classify):
    """Wait (at most `seconds`) until every application in `accepted_log` ((tracking number, wall time
    of its 201) pairs) has its receipt in `folder`; then the figures, notify's own records of its
    deliveries, and the cores busy while the rest of the e-mails came in."""
    expected = {tracking: answered_at for tracking, answered_at in accepted_log}
    meter = Meter(classify)
    meter.start()
    started = time.monotonic()
    arrivals, others = _wait(folder, expected, seconds)
    waited = time.monotonic() - started
    result = figures(expected, arrivals, others)
    result.update(waited_s=round(waited, 2), timed_out=result["missing"] > 0, timeout_s=seconds,
                  cores_busy=meter.stop(waited), notify=notify_records(notify_db_url))
    return result


def figures(expected, arrivals, others):
    """`expected`: {tracking number: time its 201 came back}; `arrivals`: {tracking number: [mtimes of
    its receipts]}; `others`: [(Subject without its tracking number, mtime)] of every other message."""
    delivered = {tracking: min(times) for tracking, times in arrivals.items() if tracking in expected}
    duplicates = sum(len(times) - 1 for tracking, times in arrivals.items() if tracking in expected)
    strangers = sum(len(times) for tracking, times in arrivals.items() if tracking not in expected)
    result = {"expected": len(expected), "received": len(delivered), "missing": len(expected) - len(delivered),
              "duplicates": duplicates, "unknown_receipts": strangers, "other_messages": len(others),
              "other_subjects": dict(Counter(subject for subject, _ in others).most_common(5))}
    if not expected:
        return result
    first_accepted, load_ended = min(expected.values()), max(expected.values())
    latencies = [arrived - expected[tracking] for tracking, arrived in delivered.items()]
    last = max(delivered.values(), default=None)
    span = (last - first_accepted) if last is not None else None
    after_load = [arrived for arrived in delivered.values() if arrived > load_ended]
    tail = (last - load_ended) if after_load else 0.0
    # every e-mail that reached the sink in the same window (receipts, their duplicates, staff notices)
    every = [t for times in arrivals.values() for t in times] + [t for _, t in others]
    in_window = 0 if last is None else sum(1 for t in every if t <= last)
    all_after_load = 0 if last is None else sum(1 for t in every if load_ended < t <= last)
    result.update({
        "seconds": None if span is None else round(span, 3),
        "emails_per_s": None if not span else round(rate(len(delivered), span), 1),
        "all_emails_in_window": in_window,
        "all_emails_per_s": None if not span else round(rate(in_window, span), 1),
        "p50_ms": ms(percentile(latencies, 0.50)), "p99_ms": ms(percentile(latencies, 0.99)),
        "min_ms": ms(min(latencies, default=None)), "max_ms": ms(max(latencies, default=None)),
        "load_seconds": round(load_ended - first_accepted, 3),
        "during_load": len(delivered) - len(after_load),
        "after_load": len(after_load),
        "after_load_seconds": round(tail, 3),
        "after_load_per_s": round(rate(len(after_load), tail), 1) if after_load else None,
        "all_after_load": all_after_load,
        "all_after_load_per_s": round(rate(all_after_load, tail), 1) if after_load else None,
    })
    return result


def _wait(folder, expected, seconds):
    """Polls the number of files in `folder`; reads Subjects only when there are enough files to hold
    every receipt (and only of files not read before). Returns ({tracking number: [mtimes]}, others)."""
    deadline = time.monotonic() + seconds
    read = {}  # file name -> (tracking number, or the Subject of a message that is no receipt; mtime)
    while True:
        names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".eml")]
        if len(names) >= len(expected) or time.monotonic() > deadline:
            for name in names:
                if name not in read:
                    read[name] = _read(os.path.join(folder, name))
            arrivals, others = _group(read.values())
            if all(tracking in arrivals for tracking in expected) or time.monotonic() > deadline:
                return arrivals, others
        time.sleep(POLL_SECONDS)


def _read(path):
    """(True, tracking number, mtime) for a receipt; (False, Subject without its tracking number,
    mtime) for anything else. Only the headers are parsed, not the PDF."""
    with open(path, "rb") as handle:
        mtime = os.fstat(handle.fileno()).st_mtime
        subject = str(_HEADERS.parse(handle).get("Subject") or "")
    found = TRACKING_NUMBER.search(subject)
    if subject.startswith(RECEIPT_SUBJECT) and found:
        return True, found.group(0), mtime
    return False, TRACKING_NUMBER.sub("…", subject), mtime


def _group(read):
    arrivals, others = {}, []
    for is_receipt, key, mtime in read:
        if is_receipt:
            arrivals.setdefault(key, []).append(mtime)
        else:
            others.append((key, mtime))
    return arrivals, others


def notify_records(db_url):
    """What notify's own table says: messages by channel, kind and status, how many needed more than
    one attempt, the last errors, in how many delivery transactions the e-mails went (`sent_at` is the
    transaction's `now()`), and how long the receipts sent waited in the queue."""
    try:
        conn = psycopg2.connect(db_url, connect_timeout=10)
    except psycopg2.Error as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT channel, kind, status, count(*), count(*) FILTER (WHERE attempts > 1), max(attempts) "
                        "FROM notifications GROUP BY channel, kind, status ORDER BY channel, kind, status")
            outcomes = [{"channel": channel, "kind": kind, "status": status, "count": count, "retried": retried,
                         "max_attempts": most} for channel, kind, status, count, retried, most in cur.fetchall()]
            cur.execute("SELECT count(DISTINCT sent_at) FROM notifications WHERE channel = 'email' AND status = 'sent'")
            transactions = cur.fetchone()[0]
            cur.execute("SELECT "
                        "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)), "
                        "percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at)) "
                        "FROM notifications WHERE channel = 'email' AND kind = 'receipt' AND status = 'sent'")
            queued_p50, queued_p99 = cur.fetchone()
            cur.execute("SELECT left(last_error, 160), count(*) FROM notifications WHERE last_error IS NOT NULL "
                        "GROUP BY 1 ORDER BY 2 DESC LIMIT 5")
            errors = [{"error": error, "count": count} for error, count in cur.fetchall()]
    except psycopg2.Error as exc:
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    finally:
        conn.close()
    return {"outcomes": outcomes, "email_transactions": transactions,
            "queued_to_sent_p50_ms": ms(queued_p50), "queued_to_sent_p99_ms": ms(queued_p99),
            "last_errors": errors}
