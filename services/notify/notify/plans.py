"""What each event means to tell, to whom and by which channel: plain functions, no I/O.

The applicant is reached on the channel they preferred when we have its address; otherwise by
e-mail, then SMS, then a printable letter for the post room. Staff hear about cases in their inbox.
"""
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from contracts import contacts, intake, notify, press, routing
from contracts.inbound import REPLY_CHANNELS
from contracts.attachments import ANSWER_FILE, CONFERENCE_MATERIAL, DIGEST_PDF, ISSUE_PDF, RELEASE_PHOTO
from servicekit.files import safe_filename

ISTANBUL = ZoneInfo("Europe/Istanbul")


@dataclass(frozen=True)
class Outgoing:
    kind: str
    channel: str
    recipient: str
    context: dict = field(default_factory=dict)
    attach_receipt: bool = False
    attachments: tuple = ()  # files kept elsewhere: `{"kind", "id", "filename"}` (contracts.attachments)
    attach_letter: bool = False  # the answer's letter as a PDF beside the e-mail
    discriminator: str = ""  # one event, several messages to one address (invitations to a shared mailbox)


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
    for channel in REPLY_CHANNELS:  # the applicant's choices, in the order tried when none is preferred
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
        return _to_applicant(notify.NOT_PROCESSED_NOTICE, contact, {
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
    files = [file_reference(ANSWER_FILE, f) for f in payload.get("attachments") or ()]
    return _to_applicant(kind, contact, context, attachments=files, letter=kind == "answer")


EVENT_KIND_LABELS = {"toren": "tören", "acilis": "açılış", "basin_toplantisi": "basın toplantısı",
                     "mahalle_toplantisi": "mahalle toplantısı", "personel_egitimi": "personel eğitimi"}
PUBLICATION_KIND_LABELS = {"magazine": "dergi", "newspaper": "gazete", "bulletin": "bülten"}

# many mail servers refuse a message much over 10 MB; a bigger issue is only linked (the link always works)
MAX_ATTACHED_ISSUE_BYTES = 10 * 1024 * 1024


def file_reference(kind, ref):
    """A file another service keeps: the delivery loop asks its owner for it by kind and id."""
    return {"kind": kind, "id": str(ref["id"]), "filename": safe_filename(ref["filename"])}


def _to_recipients(kind, payload, context, attachments=()):
    """One e-mail per recipient press resolved, greeted by name."""
    return [Outgoing(kind, "email", recipient["email"], {**context, "full_name": recipient["full_name"]},
                     attachments=tuple(attachments)) for recipient in payload["recipients"]]


def _release_published(payload, mailboxes):
    photos = [file_reference(RELEASE_PHOTO, photo) for photo in payload["photos"]]
    context = {key: payload.get(key) for key in ("title", "summary", "body", "url")}
    return _to_recipients("press_release", payload, context, photos)


def _digest_ready(payload, mailboxes):
    mailbox = mailboxes.get("role:mayor_office")
    return [Outgoing("digest", "email", mailbox, {"subject": payload["subject"], "text": payload["text"]},
                     attachments=(file_reference(DIGEST_PDF, payload["pdf"]),))] if mailbox else []


def _invitations_issued(payload, mailboxes):
    starts = payload["starts_at"].astimezone(ISTANBUL)
    context = {"title": payload["title"], "place": payload.get("place"),
               "kind_label": EVENT_KIND_LABELS.get(payload["kind"], payload["kind"]),
               "starts_on": starts.strftime("%d.%m.%Y"), "starts_time": starts.strftime("%H:%M")}
    found = []
    for invitee in payload["invitees"]:
        channel, address = ("email", invitee["email"]) if invitee.get("email") else ("sms", invitee.get("phone"))
        if address:
            found.append(Outgoing("invitation", channel, address, {
                **context, "full_name": invitee["full_name"], "reply_url": invitee["reply_url"]},
                discriminator=str(invitee["invitation_id"])))
    return found


def _issue_distributed(payload, mailboxes):
    attached = payload["pdf"]["size"] <= MAX_ATTACHED_ISSUE_BYTES
    context = {"publication_title": payload["publication_title"], "number": payload["number"],
               "kind_label": PUBLICATION_KIND_LABELS.get(payload["publication_kind"], payload["publication_kind"]),
               "issued_on": payload["issued_on"].strftime("%d.%m.%Y"), "contents": payload["contents"],
               "pdf_url": payload["pdf_url"], "attached": attached}
    return _to_recipients("publication_issue", payload, context,
                          [file_reference(ISSUE_PDF, payload["pdf"])] if attached else [])


def _conference_materials_shared(payload, mailboxes):
    starts = payload["starts_at"].astimezone(ISTANBUL)
    context = {"title": payload["title"], "place": payload.get("place"), "note": payload["note"],
               "starts_on": starts.strftime("%d.%m.%Y"), "starts_time": starts.strftime("%H:%M"),
               "filenames": [material["filename"] for material in payload["materials"]]}
    return _to_recipients("conference_materials", payload, context,
                          [file_reference(CONFERENCE_MATERIAL, item) for item in payload["materials"]])


OTHERS_BY_EVENT = {press.RELEASE_PUBLISHED: _release_published, press.DIGEST_READY: _digest_ready,
                   contacts.INVITATIONS_ISSUED: _invitations_issued, press.ISSUE_DISTRIBUTED: _issue_distributed,
                   press.CONFERENCE_MATERIALS_SHARED: _conference_materials_shared}


def for_others(event_type, payload, mailboxes):
    """Messages to people outside the applicant's case: the media for a press release, invitees for an
    event, the mayor's office for the morning digest, the distribution list for an issue of the
    municipality's publication, a press conference's guests for its materials."""
    plan = OTHERS_BY_EVENT.get(event_type)
    return plan(payload, mailboxes) if plan else []


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
    if event_type in STAFF_NOTICES_BY_EVENT:
        return STAFF_NOTICES_BY_EVENT[event_type](payload)
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


def _clipping_flagged(payload):
    lines = [f"Yayın: {payload['outlet']}"]
    if payload.get("url"):
        lines.append(f"Bağlantı: {payload['url']}")
    if payload.get("note"):
        lines.append(f"Not: {payload['note']}")
    title = f"Önemli haber: {payload['title']}"[:300]
    # the press office flags news as it breaks: the directorate hears at once, not at the next opening
    return [InboxItem(f"directorate:{code}", title, "\n".join(lines), urgent=True) for code in payload["directorates"]]


def _renewal_due(payload):
    renews_on = payload["renews_on"].strftime("%d.%m.%Y")
    when = (f"{payload['days_left']} gün kaldı" if payload["days_left"] >= 0
            else f"{-payload['days_left']} gün gecikti")
    return [InboxItem("role:press_officer", f"Abonelik yenilenecek: {payload['publication']}",
                      f"Yenileme tarihi: {renews_on} ({when})")]


def _invitation_replied(payload):
    answer = "katılacak" if payload["reply"] == "accepted" else "katılamayacak"
    who = payload.get("full_name") or "Bir davetli"
    event = payload.get("title") or "etkinlik"
    return [InboxItem("role:pr_officer", f"Davet yanıtı: {who} {answer}"[:300], f"Etkinlik: {event}")]


STAFF_NOTICES_BY_EVENT = {press.CLIPPING_FLAGGED: _clipping_flagged, press.SUBSCRIPTION_RENEWAL_DUE: _renewal_due,
               contacts.INVITATION_REPLIED: _invitation_replied}
