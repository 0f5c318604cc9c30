"""What protocol's routes answer: the shapes contacts' RPCs return for the precedence list, events, their
invitations, attendance, seating and speaking order (ids, days and moments as text), for the OpenAPI
document."""
from marshmallow import Schema, fields

from contracts.contacts_api import PrecedenceOffice

from .contacts_views import listed, maybe


class PrecedenceSetSchema(Schema):
    office = fields.String()
    rank = fields.Integer()
    list = listed(PrecedenceOffice)


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
