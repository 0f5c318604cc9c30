"""What protocol's operations take and answer (the precedence list, events, invitations, replies, check-in,
seating and the speaking order), declared once: contacts checks every input with these schemas before its own
rules, the gateway loads the same and documents both; press reads a conference as an `EventView`."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .contacts import EVENT_KINDS, EVENT_STATUSES, INVITATION_STATUSES, REPLIES
from .contacts_fields import code, ids, line, listed, maybe, one_of, page_limit, page_offset, text
from .inbound import StrictSchema

TOKEN = validate.Regexp(r"^[A-Za-z0-9]{1,100}$", error="Bağlantı kodu geçersiz.")


class ProtocolEvent(Schema):
    """An event as contacts shows it (ids and moments as text)."""
    id = fields.UUID()
    kind = fields.String(metadata={"enum": list(EVENT_KINDS)})
    title = fields.String()
    starts_at = fields.DateTime()
    place = fields.String(allow_none=True)
    rows = fields.List(fields.Integer())
    status = fields.String(metadata={"enum": list(EVENT_STATUSES)})
    created_by = fields.String(allow_none=True)
    created_at = fields.DateTime()


# -- protocol: what it takes ------------------------------------------------------------------------------------
class EventQuery(StrictSchema):
    limit = page_limit(50, 500)
    offset = page_offset()


class ReservedSeat(StrictSchema):
    row = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    seat = fields.Integer(required=True, validate=validate.Range(min=1, max=200))
    contact_id = fields.UUID(allow_none=True,
                             metadata={"description": "Boşsa koltuk kapalı; doluysa o kişiye ayrılmış"})


class SeatingInput(StrictSchema):
    reserved = fields.List(fields.Nested(ReservedSeat), load_default=list, validate=validate.Length(max=500))


class SeatMoveInput(StrictSchema):
    contact_id = fields.UUID(required=True)
    row = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    seat = fields.Integer(required=True, validate=validate.Range(min=1, max=200))


class SpeakingOrderInput(StrictSchema):
    contact_ids = ids(200, required=True, metadata={"description": "İlk konuşan önce; boş liste: protokol sırası"})

class PrecedenceInput(StrictSchema):
    """Put the office (in the path) at `rank`; the offices from that rank on move down one."""
    rank = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))
    title = line(200, required=True, metadata={"example": "İlçe Müftüsü"})
    source = text(500, allow_none=True, metadata={"description": "Kaynak notu (Kaymakamlık listesi, tarih)"})


class EventInput(StrictSchema):
    kind = code(EVENT_KINDS, required=True, metadata={"example": "toren"})
    title = line(300, required=True, metadata={"example": "29 Ekim Cumhuriyet Bayramı Resmî Töreni"})
    starts_at = fields.AwareDateTime(required=True, metadata={"example": "2026-10-29T10:00:00+03:00"})
    place = line(300, allow_none=True, metadata={"example": "Atatürk Anıtı"})
    rows = fields.List(fields.Integer(validate=validate.Range(min=1, max=200)), validate=validate.Length(max=50),
                       metadata={"description": "Sıralardaki koltuk sayıları, ön sıra önce", "example": [7, 9, 9]})


class InvitationsInput(StrictSchema):
    contact_ids = ids(2000, load_default=list)
    segment_ids = ids(50, load_default=list)

    @validates_schema
    def _someone(self, data, **_):
        if not data.get("contact_ids") and not data.get("segment_ids"):
            raise ValidationError("Davet edilecek en az bir kişi ya da liste seçilmeli.", "contact_ids")


class InvitationReplyRecord(StrictSchema):
    reply = one_of(REPLIES, required=True, metadata={"description": "accepted: katılacak; declined: katılamayacak"})


class InvitationReplyInput(InvitationReplyRecord):
    """The invitee's answer through their personal link (the token is in the link)."""
    token = fields.String(required=True, validate=TOKEN)


class CheckInInput(StrictSchema):
    contact_id = fields.UUID(required=True)


# -- protocol: what it answers ----------------------------------------------------------------------------------
class PrecedenceOffice(Schema):
    office = fields.String()
    title = fields.String()
    rank = fields.Integer()
    source = fields.String(allow_none=True)
    updated_by = fields.String(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class PrecedenceList(Schema):
    offices = fields.List(fields.Nested(PrecedenceOffice))


class ProtocolEventList(Schema):
    events = fields.List(fields.Nested(ProtocolEvent))


class SeatPlace(Schema):
    row = fields.Integer()
    seat = fields.Integer()


class Guest(Schema):
    invitation_id = fields.UUID()
    contact_id = fields.UUID()
    name = fields.String()
    status = fields.String(metadata={"enum": list(INVITATION_STATUSES)})
    replied_at = fields.DateTime(allow_none=True)
    checked_in_at = fields.DateTime(allow_none=True)
    seat = fields.Nested(SeatPlace, allow_none=True)


class AttendanceCounts(Schema):
    total = fields.Integer()
    invited = fields.Integer()
    accepted = fields.Integer()
    declined = fields.Integer()
    checked_in = fields.Integer()


class Attendance(Schema):
    event = fields.Nested(ProtocolEvent)
    counts = fields.Nested(AttendanceCounts)
    guests = fields.List(fields.Nested(Guest))


class Seat(Schema):
    row = fields.Integer()
    seat = fields.Integer(metadata={"description": "Oturanın solundan sağına 1..n"})
    contact_id = fields.UUID(allow_none=True, metadata={"description": "Boşsa kapalı koltuk"})
    reserved = fields.Boolean()
    name = fields.String(allow_none=True)
    title = fields.String(allow_none=True)


class Seating(Schema):
    event_id = fields.UUID()
    rows = fields.List(fields.Integer())
    seats = fields.List(fields.Nested(Seat))


class Speaker(Schema):
    contact_id = fields.UUID()
    name = fields.String()
    title = fields.String(allow_none=True)
    rank = fields.Integer(allow_none=True)


class SpeakingOrder(Schema):
    event_id = fields.UUID()
    by_hand = fields.Boolean()
    speakers = fields.List(fields.Nested(Speaker))


class PrecedenceSet(Schema):
    office = fields.String()
    rank = fields.Integer()
    list = listed(PrecedenceOffice)


class InvitationSkipped(Schema):
    contact_id = fields.String()
    reason = fields.String()


class InvitationsSent(Schema):
    invited = fields.Integer()
    already_invited = fields.Integer()
    skipped = listed(InvitationSkipped)


class InvitationReply(Schema):
    invitation_id = fields.UUID()
    event_id = fields.UUID()
    status = fields.String(metadata={"enum": list(INVITATION_STATUSES)})
    replied_at = maybe(fields.DateTime)
    title = fields.String()
    starts_at = fields.DateTime()
    place = maybe(fields.String)


class CheckedIn(Schema):
    event_id = fields.UUID()
    contact_id = fields.UUID()
    checked_in_at = fields.DateTime()


EventView = ProtocolEvent  # as press reads a press conference
