"""Turning events into queued messages and inbox items: one transaction per event, idempotent twice
over (the event id in the inbox, and one message per event, recipient and channel)."""
import uuid

from contracts import intake
from servicekit import inbox
from servicekit.failures import TransientError

from . import messages, plans, storage, webhooks, working_hours


def handle(store, consumer, event_type, event, mailboxes=None):
    """Queue what `event` means to tell; returns how many messages were queued."""
    payload = event["payload"]
    queued = 0
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, consumer, event["event_id"]):
            return 0
        if event_type in (intake.APPLICATION_RECEIVED, intake.APPLICATION_NOT_PROCESSED):
            storage.remember_applicant(tx.cursor, payload)
            contact = payload["applicant"]
        else:
            contact = storage.applicant(tx.cursor, payload["application_id"]) if payload.get("application_id") \
                else None
            if contact is None and event_type in plans.APPLICANT_KINDS and payload.get("application_id") \
                    and not storage.personal_data_destroyed(tx.cursor, payload["application_id"]):
                # routing may act on a case (forward it, extend it) before notify has read the application
                # it came from: try again shortly rather than leave the applicant untold
                raise TransientError("the application's applicant is not known here yet")
        overrides = storage.current_templates(tx.cursor)
        for outgoing in plans.for_applicant(event_type, payload, contact):
            queued += _queue(tx.cursor, event, outgoing, overrides)
        for outgoing in plans.for_others(event_type, payload, mailboxes or {}):
            queued += _queue(tx.cursor, event, outgoing, overrides)
        for item in plans.for_staff(event_type, payload):
            storage.add_inbox_item(tx.cursor, uuid.uuid4(), item.audience, item.title, item.body,
                                   payload.get("case_id"), f"{event['event_id']}:{item.audience}")
            mailbox = (mailboxes or {}).get(item.audience)
            if mailbox:
                queued += _queue_staff_mail(tx.cursor, event, item, mailbox)
        subscriptions = storage.subscribers(tx.cursor, event_type)
        submitted_by = _submitter(tx.cursor, event_type, payload) if subscriptions else None
        for subscription in subscriptions:
            if webhooks.entitled(subscription["client_id"], submitted_by):
                queued += _queue_webhook(tx.cursor, event_type, event, subscription["id"])
    return queued


def _submitter(cur, event_type, payload):
    """Who submitted the application the event is about (None: unknown, or not about an application)."""
    if event_type in (intake.APPLICATION_RECEIVED, intake.APPLICATION_NOT_PROCESSED):
        return payload.get("submitted_by")
    if not payload.get("application_id"):
        return None
    known, submitted_by = storage.submitter(cur, payload["application_id"])
    if not known and not storage.personal_data_destroyed(cur, payload["application_id"]):
        # routing may open a case before notify has read the application: who may hear of it is not known
        # yet, so try again shortly rather than tell nobody (or anybody)
        raise TransientError("the application's submitter is not known here yet")
    return submitted_by


def _queue_staff_mail(cur, event, item, mailbox):
    """Staff are e-mailed in working hours, unless a legal date is at stake."""
    now = storage.now(cur)
    payload = event["payload"]
    return storage.queue(cur, {
        "id": uuid.uuid4(), "dedupe_key": f"{event['event_id']}:email:{mailbox}", "kind": "staff_notice",
        "channel": "email", "recipient": mailbox, "subject": item.title,
        "body": item.body + "\n\nAyrıntılar için platformdaki gelen kutunuza bakın.\n", "attach_receipt": False,
        "application_id": str(payload["application_id"]) if payload.get("application_id") else None,
        "case_id": str(payload["case_id"]) if payload.get("case_id") else None,
        "tracking_number": payload.get("tracking_number"), "status": "queued",
        "send_after": now if item.urgent else working_hours.next_working_moment(now)})


def _queue_webhook(cur, event_type, event, subscription_id):
    payload = event["payload"]
    return storage.queue(cur, {
        "id": uuid.uuid4(), "dedupe_key": f"{event['event_id']}:webhook:{subscription_id}", "kind": event_type,
        "channel": "webhook", "recipient": str(subscription_id), "subject": str(event["event_id"]),
        "body": webhooks.public_body(event_type, event), "attach_receipt": False,
        "application_id": str(payload["application_id"]) if payload.get("application_id") else None,
        "case_id": str(payload["case_id"]) if payload.get("case_id") else None,
        "tracking_number": payload.get("tracking_number"), "status": "queued"})


def _queue(cur, event, outgoing, overrides):
    subject, body = messages.render(outgoing.kind, outgoing.channel, outgoing.context, overrides)
    payload = event["payload"]
    return storage.queue(cur, {
        "id": uuid.uuid4(), "dedupe_key": ":".join(filter(None, (
            str(event["event_id"]), outgoing.channel, outgoing.recipient, outgoing.discriminator))),
        "kind": outgoing.kind, "channel": outgoing.channel, "recipient": outgoing.recipient, "subject": subject,
        "body": body, "attach_receipt": outgoing.attach_receipt, "attachments": list(outgoing.attachments),
        "attach_letter": outgoing.attach_letter,
        "application_id": str(payload["application_id"]) if payload.get("application_id") else None,
        "case_id": str(payload["case_id"]) if payload.get("case_id") else None,
        "tracking_number": payload.get("tracking_number"),
        # letters are printed by the post room; everything else is sent by the delivery loop
        "status": "post" if outgoing.channel == "post" else "queued",
    })
