"""What the press service's routes read and answer (the press office, the mayor's office, the website)."""
from marshmallow import Schema, fields, validate

from contracts.inbound import PRESS_TYPES, no_control_characters

from .schemas import StrictSchema


def text(max_length, required=True, **kwargs):
    return fields.String(required=required, validate=[validate.Length(min=1 if required else 0, max=max_length),
                                                      no_control_characters], **kwargs)


class JournalistSchema(StrictSchema):
    full_name = text(200)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    phone = text(30, required=False)


class PressRequestSchema(StrictSchema):
    """A journalist's question or interview request: a case with the press service's due date, routed to
    the directorate that knows; its answer goes back only after the mayor's office approves it."""
    type = fields.String(required=True, validate=validate.OneOf(PRESS_TYPES),
                         metadata={"description": "basin_bilgi (bilgi talebi) ya da basin_roportaj (röportaj)"})
    outlet = text(200, metadata={"description": "Yayın kuruluşu"})
    subject = text(300)
    question = text(20000)
    category = text(60, required=False, metadata={"description": "Yönlendirme kategorisi, örn. sokak-hayvanlari"})
    journalist = fields.Nested(JournalistSchema, required=True)


class PressRequestCreatedSchema(Schema):
    id = fields.UUID()
    tracking_number = fields.String()
    status = fields.String()
