"""What each write RPC accepts, checked at the service's edge: unknown fields and wrong types are
refused with Turkish field errors (`InvalidInput`), as the gateway shows them to the person."""
import uuid
from datetime import date

from marshmallow import ValidationError, fields, validate

from contracts.inbound import StrictSchema, length, one_line, one_of

from .exceptions import InvalidInput, NotFound

TONES = ("lehte", "aleyhte", "tarafsiz")
MANUAL_KINDS = ("print", "tv", "radio")
KINDS = ("feed",) + MANUAL_KINDS
PUBLICATION_KINDS = ("magazine", "newspaper", "bulletin")
PERIODS = ("monthly", "quarterly", "yearly")
PRODUCTION_KINDS = ("programme", "series")
PRODUCTION_STATUSES = ("planlandi", "hazirlaniyor", "yayinlandi", "iptal")
DIRECTORATE_CODE = validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                   error="Müdürlük kodu küçük harf, rakam ve tire olmalı (örn. fen-isleri).")


def _url(required=False):
    return fields.Url(required=required, allow_none=not required, schemes={"http", "https"}, require_tld=False,
                      error_messages={"invalid": "http:// ya da https:// ile başlayan bir adres olmalı."})


class FileInput(StrictSchema):
    filename = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    content_type = fields.String(required=True, validate=length(max=100))
    content_base64 = fields.String(required=True)


class PhotoInput(FileInput):
    caption = fields.String(load_default="", validate=length(max=500))


class SourceInput(StrictSchema):
    url = _url(required=True)
    outlet = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    interval_minutes = fields.Integer(load_default=30, validate=validate.Range(
        min=5, max=1440, error="5 ile 1440 dakika arasında olmalı."))


class ClippingInput(StrictSchema):
    """A clipping entered by hand from print, TV or radio."""
    title = fields.String(required=True, validate=[length(min=1, max=500), one_line])
    outlet = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    kind = fields.String(required=True, validate=one_of(MANUAL_KINDS))
    published_at = fields.AwareDateTime(required=True)
    summary = fields.String(load_default="", validate=length(max=5000))
    page_or_programme = fields.String(allow_none=True, validate=[length(max=200), one_line])
    url = _url()
    topic = fields.String(allow_none=True, validate=[length(max=100), one_line])
    new_practice = fields.Boolean(load_default=False)
    scan = fields.Nested(FileInput, allow_none=True)


class ClassificationInput(StrictSchema):
    topic = fields.String(allow_none=True, validate=[length(max=100), one_line])
    new_practice = fields.Boolean()


class FlagInput(StrictSchema):
    important = fields.Boolean(load_default=True)
    directorates = fields.List(fields.String(validate=DIRECTORATE_CODE), load_default=list)
    note = fields.String(load_default="", validate=length(max=2000))


class SearchInput(StrictSchema):
    query = fields.String(allow_none=True, validate=length(max=300))
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date(allow_none=True)
    outlet = fields.String(allow_none=True)
    tone = fields.String(allow_none=True, validate=one_of(TONES + ("none",)))
    topic = fields.String(allow_none=True)
    directorate = fields.String(allow_none=True)
    important = fields.Boolean(allow_none=True)
    kind = fields.String(allow_none=True, validate=one_of(KINDS))
    sort = fields.String(load_default="newest", validate=one_of(("newest", "relevance")))


class ReleaseInput(StrictSchema):
    title = fields.String(required=True, validate=[length(min=1, max=300), one_line])
    summary = fields.String(load_default="", validate=length(max=2000))
    body = fields.String(required=True, validate=length(min=1, max=50000))
    url = _url()
    embargo_until = fields.AwareDateTime(allow_none=True)
    segment_id = fields.String(allow_none=True, validate=[length(min=1, max=100), one_line])


class PublicationInput(StrictSchema):
    title = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    kind = fields.String(required=True, validate=one_of(PUBLICATION_KINDS))
    frequency = fields.String(allow_none=True, validate=[length(max=100), one_line])
    segment_ids = fields.List(fields.String(validate=[length(min=1, max=100), one_line]), load_default=list)


class IssueInput(StrictSchema):
    number = fields.Integer(required=True, validate=validate.Range(min=1, error="1 ya da daha büyük olmalı."))
    issued_on = fields.Date(required=True)
    contents = fields.String(load_default="", validate=length(max=20000))
    print_run = fields.Integer(allow_none=True, validate=validate.Range(min=0, error="Negatif olamaz."))
    pdf = fields.Nested(FileInput, allow_none=True)


class MaterialInput(StrictSchema):
    title = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    file = fields.Nested(FileInput, required=True)


class ShareInput(StrictSchema):
    note = fields.String(load_default="", validate=length(max=2000))


class SubscriptionInput(StrictSchema):
    publication = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    period = fields.String(required=True, validate=one_of(PERIODS))
    cost = fields.Decimal(allow_none=True, places=2, validate=validate.Range(min=0, error="Negatif olamaz."))
    started_on = fields.Date(required=True)
    paid_until = fields.Date(allow_none=True)
    notes = fields.String(load_default="", validate=length(max=2000))


class ProductionInput(StrictSchema):
    title = fields.String(required=True, validate=[length(min=1, max=300), one_line])
    kind = fields.String(required=True, validate=one_of(PRODUCTION_KINDS))
    outlet = fields.String(load_default="", validate=[length(max=200), one_line])
    status = fields.String(load_default="planlandi", validate=one_of(PRODUCTION_STATUSES))
    partners = fields.List(fields.String(validate=[length(min=1, max=200), one_line]), load_default=list)
    notes = fields.String(load_default="", validate=length(max=5000))


def load(schema, data, partial=False):
    """`data` loaded through `schema` (a class); InvalidInput with the field errors otherwise."""
    try:
        return schema().load(data if data is not None else {}, partial=partial)
    except ValidationError as exc:
        raise InvalidInput(exc.normalized_messages()) from None


def one(value, choices, field):
    """A single value that must be one of `choices`."""
    if value not in choices:
        raise InvalidInput({field: ["Şunlardan biri olmalı: " + ", ".join(choices) + "."]})
    return value


def identifier(value, what):
    """`value` as a UUID; a malformed id is simply an id that names nothing (NotFound)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(f"{what} bulunamadı.") from None


def day(value, field="day"):
    """A calendar day from "YYYY-MM-DD"."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput({field: ["Tarih YYYY-AA-GG biçiminde olmalı (örn. 2026-11-25)."]}) from None
