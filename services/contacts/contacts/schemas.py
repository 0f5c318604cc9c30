"""What staff send: a contact record (the shape of duplicates.py), a role, an event. Validated with
marshmallow, every message in Turkish; `InvalidInput` carries `{field: [messages]}` with nested fields
flattened ("consent.basis", "roles.0.office")."""
import uuid

from marshmallow import (EXCLUDE, Schema, ValidationError, fields, post_load, validate, validates,
                         validates_schema)

from contracts.contacts import REPLIES
from contracts.inbound import one_line

from . import categories, emails, phones
from .exceptions import InvalidInput, NotFound

_TR = {"required": "Bu alan zorunludur.", "null": "Bu alan boş olamaz.", "invalid": "Geçersiz değer.",
       "validator_failed": "Geçersiz değer."}
_DATE = {**_TR, "invalid": "Geçerli bir tarih değil (YYYY-AA-GG)."}
_LIST = {**_TR, "invalid": "Bir liste olmalı."}


def _text(max_length=500, **kwargs):
    kwargs.setdefault("validate", validate.Length(max=max_length, error=f"En çok {max_length} karakter."))
    return fields.String(error_messages=_TR, **kwargs)


def _line(max_length=500, **kwargs):
    """A one-line text (a name, a title, a place): no CR/LF (`contracts.inbound.one_line`)."""
    length = kwargs.pop("validate", validate.Length(max=max_length, error=f"En çok {max_length} karakter."))
    return fields.String(error_messages=_TR, validate=[length, one_line], **kwargs)


def _texts(**kwargs):
    return fields.List(_text(), load_default=list, error_messages=_LIST, **kwargs)


def _lines(max_length=500, **kwargs):
    return fields.List(_line(max_length), load_default=list, error_messages=_LIST, **kwargs)


def _date(**kwargs):
    return fields.Date(allow_none=True, load_default=None, error_messages=_DATE, **kwargs)


def _one_of(choices, message):
    return validate.OneOf(list(choices), error=message)


class _Strict(Schema):
    class Meta:
        unknown = EXCLUDE

    error_messages = {"type": "Geçersiz veri: bir nesne bekleniyordu."}


class ConsentSchema(_Strict):
    basis = fields.String(allow_none=True, load_default=None, error_messages=_TR, validate=_one_of(
        categories.LAWFUL_BASES, "Bilinmeyen yasal dayanak."))
    given_on = _date()


class RoleSchema(_Strict):
    organisation_id = fields.UUID(allow_none=True, load_default=None, error_messages=_TR)
    organisation_name = _line(allow_none=True, load_default=None)
    office = _line(200, allow_none=True, load_default=None)
    title = _line(200, allow_none=True, load_default=None)
    started_on = _date()
    ended_on = _date()

    @validates_schema
    def _office_and_dates(self, data, **kwargs):
        if not (data.get("office") or data.get("title")):
            raise ValidationError("Makam ya da görev unvanı yazılmalı.", "office")
        if data.get("started_on") and data.get("ended_on") and data["ended_on"] < data["started_on"]:
            raise ValidationError("Bitiş tarihi başlangıçtan önce olamaz.", "ended_on")


class ContactSchema(_Strict):
    """A record as staff send it; loads to the record dict with phones in E.164 and e-mails lowercased."""

    kind = fields.String(required=True, error_messages=_TR, validate=_one_of(
        categories.KINDS, "Kişi (person) ya da kurum (organisation) olmalı."))
    full_name = _line(200, allow_none=True)
    name = _line(300, allow_none=True)
    category = fields.String(allow_none=True, error_messages=_TR, validate=_one_of(
        categories.CATEGORIES, "Bilinmeyen kategori."))
    phones = _lines()
    emails = fields.List(fields.Email(error_messages={**_TR, "invalid": "Geçerli bir e-posta adresi değil."}),
                         load_default=list, error_messages=_LIST)
    addresses = _texts()
    neighbourhood = _line(100, allow_none=True)
    tags = _lines()
    notes = fields.String(load_default="", allow_none=True, error_messages=_TR,
                          validate=validate.Length(max=5000, error="En çok 5000 karakter."))
    roles = fields.List(fields.Nested(RoleSchema, error_messages=_TR), load_default=list, error_messages=_LIST)
    consent = fields.Nested(ConsentSchema, load_default=dict, error_messages=_TR)
    last_verified_on = _date()
    external_ref = _line(200, allow_none=True)

    @validates("phones")
    def _valid_phones(self, value, **kwargs):
        # the number itself stays out of the message: messages of refused calls reach the service's log
        problems = []
        for position, raw in enumerate(value, start=1):
            try:
                phones.normalise(raw)
            except phones.InvalidPhone:
                problems.append(f"{position}. telefon numarası geçerli değil.")
        if problems:
            raise ValidationError(problems)

    @validates_schema(skip_on_field_errors=False)
    def _named(self, data, partial=None, **kwargs):
        kind = data.get("kind")
        if kind == categories.PERSON and "full_name" in data and not (data.get("full_name") or "").strip():
            raise ValidationError("Ad soyad yazılmalı.", "full_name")
        if kind == categories.PERSON and not partial and not (data.get("full_name") or "").strip():
            raise ValidationError("Ad soyad yazılmalı.", "full_name")
        if kind == categories.ORGANISATION and not partial and not (data.get("name") or "").strip():
            raise ValidationError("Kurum adı yazılmalı.", "name")

    @post_load
    def _normalise(self, data, **kwargs):
        if "phones" in data:
            data["phones"] = list(dict.fromkeys(phones.normalise(p) for p in data["phones"]))
        if "emails" in data:
            data["emails"] = list(dict.fromkeys(emails.normalise(e) for e in data["emails"]))
        for field in ("addresses", "tags"):
            if field in data:
                data[field] = list(dict.fromkeys(v.strip() for v in data[field] if v.strip()))
        if "notes" in data:
            data["notes"] = data["notes"] or ""
        if "external_ref" in data and not (data["external_ref"] or "").strip():
            # a blank "Kayıt No" is none: stored as "", a second blank one would hit the unique index
            data["external_ref"] = None
        if "consent" in data:
            data["consent"] = {"basis": None, "given_on": None, **data["consent"]}
        return data


class EventSchema(_Strict):
    kind = fields.String(required=True, error_messages=_TR, validate=_one_of(
        categories.EVENT_KINDS, "Bilinmeyen etkinlik türü."))
    title = _line(300, required=True, validate=validate.Length(min=1, max=300, error="1–300 karakter."))
    starts_at = fields.AwareDateTime(required=True, error_messages={
        **_TR, "invalid": "Geçerli bir tarih-saat değil (ISO 8601, saat dilimiyle).",
        "invalid_awareness": "Saat dilimi belirtilmeli."})
    place = _line(300, allow_none=True, load_default=None)
    rows = fields.List(fields.Integer(strict=True, validate=validate.Range(
        min=1, max=200, error="Bir sırada 1–200 koltuk olmalı."), error_messages=_TR),
        load_default=list, error_messages=_LIST)


class ReplySchema(_Strict):
    reply = fields.String(required=True, error_messages=_TR, validate=_one_of(
        REPLIES, "Yanıt 'accepted' (katılacağım) ya da 'declined' (katılamayacağım) olmalı."))


class DismissalSchema(_Strict):
    """Two records staff judged not to be one; the ids stay text here (`identifier` reads each)."""

    contact_ids = fields.List(fields.String(error_messages=_TR), required=True, error_messages=_LIST,
                              validate=validate.Length(equal=2, error="Tam olarak iki kayıt seçilmeli."))
    reason = _text(500, allow_none=True, load_default=None)

    @post_load
    def _blank_reason_is_none(self, data, **kwargs):
        data["reason"] = (data.get("reason") or "").strip() or None
        return data


def day(value, field):
    """A YYYY-MM-DD string (or None) as a date, else InvalidInput on `field`."""
    if value is None:
        return None
    try:
        return fields.Date().deserialize(value)
    except ValidationError:
        raise InvalidInput({field: [_DATE["invalid"]]}) from None


def identifier(value, what="kayıt"):
    """A UUID from the caller; anything else names nothing, so it is NotFound, not a server error."""
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        raise NotFound(f"Böyle bir {what} yok.") from None


def flatten(errors, prefix=""):
    """marshmallow's nested error dict as `{"consent.basis": [...], "roles.0.office": [...]}`."""
    flat = {}
    for key, value in errors.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = list(value) if isinstance(value, (list, tuple)) else [str(value)]
    return flat


def declared(schema, data):
    """`data` checked with the schema its operation declares (`contracts.contacts_api`, the gateway's too), so a
    direct caller is refused as the gateway refuses; it goes on as sent, read by contacts' own rules."""
    errors = schema().validate(data if data is not None else {})
    if errors:
        raise InvalidInput(flatten(errors))
    return data


def given(**values):
    """The arguments a caller gave, as the body or query of the declared operation (None: not given)."""
    return {name: value for name, value in values.items() if value is not None}


def load(schema, data, **kwargs):
    """`schema().load(data)`, raising InvalidInput with flattened Turkish messages."""
    try:
        return schema().load(data if data is not None else {}, **kwargs)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        raise InvalidInput(flatten(messages)) from None
