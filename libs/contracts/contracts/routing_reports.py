"""Routing's reports: the period they take (routing validates it, and so does the gateway's query string)
and what they answer (`muhtar_report`, `information_request_report`), for the OpenAPI document."""
from marshmallow import Schema, fields, validate

from .inbound import StrictSchema

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year():
    return fields.Integer(required=True, validate=validate.Range(
        min=FIRST_YEAR, max=LAST_YEAR, error=f"{FIRST_YEAR} ile {LAST_YEAR} arasında bir yıl olmalı."),
        metadata={"example": 2026})


# -- requests ---------------------------------------------------------------------------------------
class MuhtarReportQuerySchema(StrictSchema):
    year = _year()
    quarter = fields.Integer(required=True, validate=validate.Range(min=1, max=4, error="1, 2, 3 ya da 4 olmalı."),
                             metadata={"example": 4, "description": "Çeyrek: 1 ocak–mart, … 4 ekim–aralık"})


class InformationReportQuerySchema(StrictSchema):
    year = _year()


# -- the muhtar desk's quarter -------------------------------------------------------------------------
class MuhtarNotDoneItemSchema(Schema):
    tracking_number = fields.String()
    subject = fields.String()
    category = fields.String()
    outcome = fields.String(metadata={"enum": ["refused", "not_competent", "forwarded"]})
    outcome_label = fields.String(metadata={"example": "Başka kuruma gönderildi"})
    reason = fields.String(metadata={"description": "Ret gerekçesi / gönderilen kurum ve gerekçesi"})


class MuhtarCountsSchema(Schema):
    asked = fields.Integer(metadata={"description": "Çeyrekte gelen muhtar talebi"})
    done = fields.Integer(metadata={"description": "Yapılan: olumlu ve kısmen olumlu cevaplanan"})
    granted = fields.Integer()
    partly_granted = fields.Integer()
    not_done = fields.Integer(metadata={"description": "Yapılamayan: reddedilen, görev dışı, başka kuruma giden"})
    refused = fields.Integer()
    not_competent = fields.Integer()
    forwarded = fields.Integer()
    open = fields.Integer(metadata={"description": "Henüz cevaplanmamış"})
    overdue = fields.Integer(metadata={"description": "Cevaplanmamış ve yasal son günü geçmiş"})


class MuhtarNeighbourhoodSchema(MuhtarCountsSchema):
    neighbourhood = fields.String(metadata={"example": "Aktepe"})
    not_done_items = fields.List(fields.Nested(MuhtarNotDoneItemSchema))


class MuhtarReportSchema(Schema):
    year = fields.Integer()
    quarter = fields.Integer()
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    as_of = fields.Date(metadata={"description": "Açık talepler ve gecikme bu güne göre"})
    neighbourhoods = fields.List(fields.Nested(MuhtarNeighbourhoodSchema))
    totals = fields.Nested(MuhtarCountsSchema)


# -- the annual right-to-information (4982) report ----------------------------------------------------
class ReportLineSchema(Schema):
    key = fields.String(metadata={"example": "refused"})
    label = fields.String(metadata={"example": "Reddedilen başvurular toplamı"})
    count = fields.Integer(allow_none=True, metadata={"description": "null: platform bu sayıyı tutmuyor"})


class RefusalHeadingSchema(Schema):
    article = fields.String(metadata={"example": "21"})
    label = fields.String()
    count = fields.Integer()


class NotProcessedReasonSchema(Schema):
    code = fields.String(metadata={"example": "tckn_yok"})
    reason = fields.String()
    article = fields.String()
    count = fields.Integer()


class NotProcessedSchema(Schema):
    total = fields.Integer()
    by_reason = fields.List(fields.Nested(NotProcessedReasonSchema),
                            metadata={"description": "Birden çok eksiği olan başvuru her eksiğinde sayılır"})


class InformationReportSchema(Schema):
    year = fields.Integer()
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    as_of = fields.DateTime(metadata={"description": "Sonuçlar bu ana göre: yıl sonu ya da (yıl sürüyorsa) şimdi"})
    lines = fields.List(fields.Nested(ReportLineSchema))
    refusals_by_article = fields.List(fields.Nested(RefusalHeadingSchema))
    not_processed = fields.Nested(NotProcessedSchema)
    objections = fields.Integer(allow_none=True)
    notes = fields.List(fields.String())
