"""What protocol's routes answer: the shapes contacts' RPCs return for the precedence list, events, their
invitations, attendance, seating and speaking order (ids, days and moments as text), for the OpenAPI
document."""
from marshmallow import Schema, fields

from contracts.contacts_api import EventView as EventViewSchema

from .contacts_views import listed, maybe


class OfficeSchema(Schema):
    office = fields.String()
    title = fields.String()
    rank = fields.Integer()
    source = maybe(fields.String)
    updated_by = maybe(fields.String)
    updated_at = maybe(fields.DateTime)


class PrecedenceListSchema(Schema):
    offices = listed(OfficeSchema)


class PrecedenceSetSchema(Schema):
    office = fields.String()
    rank = fields.Integer()
    list = listed(OfficeSchema)


class EventListSchema(Schema):
    events = listed(EventViewSchema)


class SkippedSchema(Schema):
    contact_id = fields.String()
    reason = fields.String()


class InvitedSchema(Schema):
    invited = fields.Integer()
    already_invited = fields.Integer()
    skipped = listed(SkippedSchema)


class ReplyShownSchema(Schema):
    invitation_id = fields.UUID()
    event_id = fields.UUID()
    status = fields.String(metadata={"enum": ["invited", "accepted", "declined"]})
    replied_at = maybe(fields.DateTime)
    title = fields.String()
    starts_at = fields.DateTime()
    place = maybe(fields.String)


class CheckedInSchema(Schema):
    event_id = fields.UUID()
    contact_id = fields.UUID()
    checked_in_at = fields.DateTime()


class PlaceSchema(Schema):
    row = fields.Integer()
    seat = fields.Integer()


class GuestSchema(Schema):
    invitation_id = fields.UUID()
    contact_id = fields.UUID()
    name = fields.String()
    status = fields.String(metadata={"enum": ["invited", "accepted", "declined"]})
    replied_at = maybe(fields.DateTime)
    checked_in_at = maybe(fields.DateTime)
    seat = maybe(fields.Nested, PlaceSchema)


class CountsSchema(Schema):
    total = fields.Integer()
    invited = fields.Integer()
    accepted = fields.Integer()
    declined = fields.Integer()
    checked_in = fields.Integer()


class AttendanceSchema(Schema):
    event = fields.Nested(EventViewSchema)
    counts = fields.Nested(CountsSchema)
    guests = listed(GuestSchema)


class SeatSchema(Schema):
    row = fields.Integer()
    seat = fields.Integer(metadata={"description": "Oturanın solundan sağına 1..n"})
    contact_id = maybe(fields.UUID, metadata={"description": "Boşsa kapalı koltuk"})
    reserved = fields.Boolean()
    name = maybe(fields.String)
    title = maybe(fields.String)


class SeatingViewSchema(Schema):
    event_id = fields.UUID()
    rows = fields.List(fields.Integer())
    seats = listed(SeatSchema)


class SpeakerSchema(Schema):
    contact_id = fields.UUID()
    name = fields.String()
    title = maybe(fields.String)
    rank = maybe(fields.Integer)


class SpeakingOrderViewSchema(Schema):
    event_id = fields.UUID()
    by_hand = fields.Boolean()
    speakers = listed(SpeakerSchema)
