"""What each event means to tell, to whom and by which channel: plain functions, no I/O.

The applicant is reached on the channel they preferred when we have its address; otherwise by
e-mail, then SMS, then a printable letter for the post room. Staff hear about cases in their inbox.
"""
from dataclasses import dataclass, field

from contracts import intake, routing


@dataclass(frozen=True)
class Outgoing:
    kind: str
    channel: str
    recipient: str
    context: dict = field(default_factory=dict)
    attach_receipt: bool = False
    attachments: tuple = ()  # an answer's files: references to routing's copies
    attach_letter: bool = False  # the answer's letter as a PDF beside the e-mail


@dataclass(frozen=True)
class InboxItem:
    audience: str
    title: str
    body: str
    urgent: bool = False  # a legal date is at stake: tell now, not at the next opening hour


def reply_channel(contact):
    """`(channel, address)` for an applicant, or None when there is no way to reach them."""
    preferred = contact.get("preferred_reply_channel")
    options = {"email": contact.get("email"), "sms": contact.get("phone"), "post": contact.get("postal_address")}
    if preferred in options and options[preferred]:
        return preferred, options[preferred]
    for channel in ("email", "sms", "post"):
        if options[channel]:
            return channel, options[channel]
    return None


def _to_applicant(kind, contact, context, attach_receipt=False, attachments=(), letter=False):
    """An SMS carries only a short text; an e-mail and a posted letter carry the documents."""
    reached = reply_channel(contact)
    if reached is None:
        return []
    channel, address = reached
    documents = channel in ("email", "post")
    return [Outgoing(kind, channel, address, {"full_name": contact.get("full_name"), **context},
                     attach_receipt=attach_receipt and documents,
                     attachments=tuple(attachments) if documents else (),
                     attach_letter=letter and channel == "email")]


APPLICANT_KINDS = {
    routing.DEADLINE_EXTENDED: "extension",
    routing.CASE_FORWARDED: "forwarded",
    routing.FEE_NOTIFIED: "fee",
    routing.ANSWER_APPROVED: "answer",
}


def for_applicant(event_type, payload, contact):
    """The applicant's messages for an event (`contact` from notify's own read model)."""
    if event_type == intake.APPLICATION_RECEIVED:
        return _to_applicant("receipt", contact, {"tracking_number": payload["tracking_number"],
                                                  "subject": payload["subject"],
                                                  "lookup_code": payload.get("lookup_code"),
                                                  "received_on": payload["received_at"].strftime("%d.%m.%Y")},
                             attach_receipt=True)
    if event_type == intake.APPLICATION_NOT_PROCESSED:
        return _to_applicant("not_processed", contact, {
            "tracking_number": payload["tracking_number"], "reasons": payload["reasons"],
            "received_on": payload["received_at"].strftime("%d.%m.%Y")})
    kind = APPLICANT_KINDS.get(event_type)
    if kind is None or contact is None:
        return []
    context = {key: (value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else value)
               for key, value in payload.items() if key != "attachments"}
    context.setdefault("interim", False)
    for optional in ("exemption_article", "remedy", "text", "reason", "institution", "fee_amount", "legal_due_on"):
        context.setdefault(optional, None)
    files = [{"id": str(f["id"]), "filename": f["filename"]} for f in payload.get("attachments") or ()]
    return _to_applicant(kind, contact, context, attachments=files, letter=kind == "answer")


STAFF_TITLES = {
    routing.CASE_OPENED: "Yeni dosya {tracking_number}",
    routing.CASE_ASSIGNED: "Size atanan dosya {tracking_number}",
    routing.CASE_TRANSFERRED: "Müdürlüğünüze aktarılan dosya {tracking_number}",
    routing.DEADLINE_WARNING: "Süre yaklaşıyor: {tracking_number} ({working_days_left} iş günü)",
    routing.DEADLINE_ESCALATED: "İç süre geçti: {tracking_number}",
    routing.DEADLINE_BREACHED: "YASAL SÜRE GEÇTİ: {tracking_number}",
}


def for_staff(event_type, payload):
    """Inbox items for the directorate concerned (the PR desk for cases still in triage)."""
    title = STAFF_TITLES.get(event_type)
    if title is None:
        return []
    directorate = payload.get("to_directorate") or payload.get("directorate")
    audience = f"directorate:{directorate}" if directorate else "role:pr_officer"
    body_parts = [f"Takip no: {payload['tracking_number']}"]
    for key, label in (("legal_due_on", "Yasal son gün"), ("internal_due_on", "İç son gün"),
                       ("reason", "Gerekçe"), ("escalate_to", "Bildirilen")):
        if payload.get(key):
            body_parts.append(f"{label}: {payload[key]}")
    urgent = event_type == routing.DEADLINE_BREACHED or (
        event_type == routing.DEADLINE_WARNING and payload.get("working_days_left", 99) == 0)
    items = [InboxItem(audience, title.format(**payload), "\n".join(body_parts), urgent)]
    if event_type == routing.DEADLINE_BREACHED:
        items.append(InboxItem("role:pr_officer", title.format(**payload), "\n".join(body_parts), urgent))
    return items
