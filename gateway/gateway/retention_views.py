"""What the destruction log's routes take and answer, for validation and the OpenAPI document."""
from marshmallow import Schema, fields, validate

from contracts.inbound import StrictSchema


class RunQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class AppliedRuleSchema(Schema):
    rule = fields.String()
    keep_years = fields.Integer()
    cutoff = fields.Date(metadata={"description": "Bu günden önce gelen başvurular anonimleştirildi"})
    source = fields.String()


class DestructionRunSchema(Schema):
    id = fields.UUID()
    started_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)
    trigger = fields.String(metadata={"description": "'schedule' ya da başlatan yöneticinin kimliği"})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "Saklama kuralına göre anonimleştirilen başvuru sayısı"})
    total = fields.Integer()
    method = fields.String()
    rules = fields.List(fields.Nested(AppliedRuleSchema), metadata={"description": "Uygulanan saklama süreleri"})


class DestructionRunListSchema(Schema):
    runs = fields.List(fields.Nested(DestructionRunSchema))
