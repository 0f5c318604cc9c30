"""KVKK destruction: when the retention period of applications ends, intake anonymises them and says so
(`applicants_anonymised`); notify destroys its own copy of those applicants' personal data in one
transaction per event, idempotent through the inbox.

Destroyed: the contact read model (`applicants` rows); the messages' addresses, subjects, texts,
attachment names and the address inside their dedupe key; the channels' recorded answers (all but a
status code); the reasons of the `notification_failed` events about them still in the outbox.
Kept, for operations and the law's reports: kind, channel, status, times, attempts, tracking number,
application and case ids, who posted a letter, and when (and by which run) the data was destroyed.
Messages still waiting to go out (queued, or waiting for the post room) are failed with the reason
"kişisel veri imha edildi"; one being sent at that moment is not queued again (see `storage`).
"""
import re

from servicekit import inbox

from . import storage_retention

CONSUMER = "notify.applicants_anonymised"
DETAIL_DESTROYED = "ayrıntı imha edildi"
_STATUS_CODE = re.compile(r"\s*([1-5][0-9]{2})(?![0-9])")
# answers notify writes itself, which carry nothing of the applicant
_OWN_ANSWERS = frozenset({"postaya verildi", "250 accepted", storage_retention.REASON})


def redacted_answer(text):
    """A channel's recorded answer with nothing of the applicant left: a refusal may quote the address
    (`550 5.1.1 <ayse@…>: unknown user`), so only its status code is kept; notify's own answers stay."""
    if text is None or text in _OWN_ANSWERS or re.fullmatch(r"[1-5][0-9]{2}", text):
        return text
    code = _STATUS_CODE.match(text)
    return f"{code.group(1)} ({DETAIL_DESTROYED})" if code else DETAIL_DESTROYED


def anonymise(store, event):
    """Destroy what notify keeps of the applicants of `event`'s applications; returns the counts (None
    when the event was handled before)."""
    payload = event["payload"]
    ids = sorted({str(application_id) for application_id in payload["application_ids"]})
    with store.transaction() as tx:
        cur = tx.cursor
        if not inbox.first_time(cur, CONSUMER, event["event_id"]):
            return None
        counts = {"applicants": storage_retention.delete_applicants(cur, ids),
                  "cancelled": storage_retention.cancel_waiting(cur, ids),
                  "messages": storage_retention.scrub_messages(cur, ids, payload["run_id"])}
        storage_retention.replace_answers(cur, [
            (row["id"], redacted_answer(row["last_error"]), redacted_answer(row["provider_response"]))
            for row in storage_retention.recorded_answers(cur, ids)])
        storage_retention.replace_reported_reasons(cur, [
            (row["id"], redacted_answer(row["reason"]))
            for row in storage_retention.reported_failures(cur, ids) if row["reason"] is not None])
    return counts
