"""What the information bank's and protocol's routes read (staff, and an invitee's reply); what they
answer is `contacts_views`.

contacts validates every input again, with Turkish messages (`contacts.schemas`, `segments`); the edge
refuses what is plainly wrong before it crosses the broker (unknown fields, oversized text and lists,
control characters, malformed ids and dates) and the OpenAPI document shows the same bounds. Codes that
contacts owns (categories, lawful bases, event kinds, office codes) are left for contacts to judge, with its
own messages; the document still lists the fixed ones as enums (`code`), from the copies below.
"""
import datetime as dt
import uuid

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from contracts.contacts import REPLIES
from contracts.contacts_api import (CATEGORIES, EVENT_KINDS, code, codes, day, enum_of, ids, line,  # noqa: F401
                                    one_of, page_limit, page_offset, text, texts)  # enum_of: for contacts_views
from contracts.inbound import StrictSchema, no_control_characters, one_line

from .schemas import dates_in_utc

MB = 1024 * 1024
MAX_IMPORT_BYTES = 20 * MB  # contacts' limit (contacts.imports.MAX_BYTES)
# contacts' vocabularies (contacts.categories, contacts.imports.FORMATS): the gateway does not depend on the
# contacts package, so these are copies, which tests/contract/test_contacts_vocabularies.py holds equal
KINDS = ("person", "organisation")
FILE_FORMATS = ("csv", "vcard")
LAWFUL_BASES = ("acik_riza", "kanunda_ongorulme", "kanuni_yukumluluk", "alenilestirme", "mesru_menfaat")
PRESS_CONFERENCE = "basin_toplantisi"  # the one event kind the press office runs itself
OFFICE_CODE = r"^[a-z0-9_]{2,60}$"
BASE64 = validate.Regexp(r"^[A-Za-z0-9+/]*={0,2}$", error="Dosya içeriği geçerli base64 olmalı.")
TOKEN = validate.Regexp(r"^[A-Za-z0-9]{1,100}$", error="Bağlantı kodu geçersiz.")


def lines(max_items, max_length, **kwargs):
    """A list of one-line texts (phones, tags)."""
    return fields.List(fields.String(validate=[validate.Length(min=1, max=max_length), no_control_characters,
                                               one_line]), validate=validate.Length(max=max_items), **kwargs)


def base64_length(max_bytes):
    return 4 * ((max_bytes + 2) // 3)


IMPORT_BODY_BYTES = base64_length(MAX_IMPORT_BYTES) + 64 * 1024


def as_rpc(data):
    """Loaded data as contacts' RPCs take it over JSON: days and moments ISO 8601 text, ids text."""
    if isinstance(data, dict):
        return {key: as_rpc(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [as_rpc(item) for item in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    if isinstance(data, uuid.UUID):
        return str(data)
    return data


# -- records ----------------------------------------------------------------------------------------
class ConsentSchema(StrictSchema):
    basis = code(LAWFUL_BASES, allow_none=True, metadata={"description": "KVKK yasal dayanağı",
                                                          "example": "kanunda_ongorulme"})
    given_on = day(allow_none=True)


class RoleSchema(StrictSchema):
    """An office held: `office` a code of the precedence list (or written as its title), else free text."""
    organisation_id = fields.UUID(allow_none=True, metadata={"description": "Kurum kaydının kimliği"})
    organisation_name = line(500, allow_none=True)
    office = line(200, allow_none=True, metadata={"example": "muhtar"})
    title = line(200, allow_none=True, metadata={"example": "Sarnıç Mahallesi Muhtarı"})
    started_on = day(allow_none=True)
    ended_on = day(allow_none=True)


class ContactChangesSchema(StrictSchema):
    """The fields to change (roles: add or end one; the opt-out: its own route)."""
    full_name = line(200, allow_none=True, metadata={"example": "İsmail Işık"})
    name = line(300, allow_none=True, metadata={"description": "Kurum kayıtlarında kurumun adı"})
    category = code(CATEGORIES, allow_none=True, metadata={"example": "ilce_protokolu"})
    phones = lines(20, 40, metadata={"example": ["0532 111 22 33"]})
    emails = fields.List(fields.Email(validate=validate.Length(max=254)), validate=validate.Length(max=20))
    addresses = texts(10, 500)
    neighbourhood = line(100, allow_none=True, metadata={"example": "Sarnıç"})
    tags = lines(30, 100)
    notes = text(5000, allow_none=True)
    consent = fields.Nested(ConsentSchema)
    last_verified_on = day(allow_none=True)
    external_ref = line(200, allow_none=True, metadata={"description": "İçe aktarılan dosyadaki Kayıt No"})


class ContactSchema(ContactChangesSchema):
    """A new record: a person (`full_name`, roles) or an organisation (`name`)."""
    kind = one_of(KINDS, required=True)
    roles = fields.List(fields.Nested(RoleSchema), validate=validate.Length(max=20))


class RoleEndSchema(StrictSchema):
    ended_on = day(allow_none=True, metadata={"description": "Boşsa bugün"})


class VerifiedSchema(StrictSchema):
    verified_on = day(allow_none=True, metadata={"description": "Boşsa bugün"})


class OptOutSchema(StrictSchema):
    opted_out_on = day(allow_none=True, metadata={"description": "Boşsa bugün"})


class FilterQuery(StrictSchema):
    """The filters a search and an export share (contacts' names: category, tag, neighbourhood, office,
    organisation)."""
    category = code(CATEGORIES, min_length=1)
    tag = text(100, min_length=1)
    neighbourhood = text(100, min_length=1)
    office = text(200, min_length=1)
    organisation = fields.UUID(metadata={"description": "Bu kurumda görevi olanlar"})


class ContactQuerySchema(FilterQuery):
    q = text(200, metadata={"description": "Türkçe harflere duyarsız, yazım hatasına dayanıklı arama; telefon ya da "
                                           "e-posta tam eşleşir", "example": "isik"})
    limit = page_limit()
    offset = page_offset()


class ExportQuerySchema(FilterQuery):
    format = one_of(FILE_FORMATS, load_default="csv")
    segment_id = fields.UUID(metadata={"description": "Bir listenin toplu gönderim listesi (süzgeçler yok sayılır)"})


class StaleQuerySchema(StrictSchema):
    older_than_days = fields.Integer(load_default=365, validate=validate.Range(min=0, max=36500))
    limit = page_limit(100, 500)
    offset = page_offset()


class DuplicateQuerySchema(StrictSchema):
    limit = page_limit(50, 500)


class ReverificationSchema(StrictSchema):
    """A campaign: every live record of these categories or holding these offices today is to be checked."""
    categories = codes(CATEGORIES, 20, load_default=list, metadata={"example": ["muhtar"]})
    offices = texts(50, 60, load_default=list, metadata={"example": ["muhtar"]})
    reason = text(300, required=True, metadata={"example": "2024 yerel seçimleri"})


class MergeSchema(StrictSchema):
    keep_id = fields.UUID(required=True, metadata={"description": "Kalan kayıt"})
    other_id = fields.UUID(required=True, metadata={"description": "Kalan kayda katılan kayıt"})


class DuplicateDismissalSchema(StrictSchema):
    """Two records staff judged to be different people or organisations: the pair is no longer proposed."""
    contact_ids = ids(2, min_items=2, required=True, metadata={"uniqueItems": True,
                                                               "description": "İki farklı kaydın kimliği"})
    reason = text(500, allow_none=True, metadata={"example": "Farklı kişiler: biri Sarnıç'ta, biri Aktepe'de."})

    @validates_schema
    def _two_records(self, data, **_):
        if len(set(data.get("contact_ids") or ())) == 1:
            raise ValidationError("İki farklı kayıt seçilmeli; aynı kayıt iki kez seçildi.", "contact_ids")


class ImportSchema(StrictSchema):
    """A CSV as Excel writes it (UTF-8 with or without BOM, or Windows-1254; `;` or `,`) or a vCard file."""
    format = one_of(FILE_FORMATS, required=True)
    filename = line(200, required=True, metadata={"example": "muhtarlar.csv"})
    content_base64 = fields.String(required=True, validate=[
        validate.Length(min=1, max=base64_length(MAX_IMPORT_BYTES)), BASE64])
    dry_run = fields.Boolean(load_default=False, metadata={"description": "Hiçbir şey yazmadan dene"})


# -- segments ---------------------------------------------------------------------------------------
# -- protocol ---------------------------------------------------------------------------------------
class PrecedenceSchema(StrictSchema):
    """Put the office (in the path) at `rank`; the offices from that rank on move down one."""
    rank = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))
    title = line(200, required=True, metadata={"example": "İlçe Müftüsü"})
    source = text(500, allow_none=True, metadata={"description": "Kaynak notu (Kaymakamlık listesi, tarih)"})


class EventSchema(StrictSchema):
    kind = code(EVENT_KINDS, required=True, metadata={"example": "toren"})
    title = line(300, required=True, metadata={"example": "29 Ekim Cumhuriyet Bayramı Resmî Töreni"})
    starts_at = fields.AwareDateTime(required=True, metadata={"example": "2026-10-29T10:00:00+03:00"})
    place = line(300, allow_none=True, metadata={"example": "Atatürk Anıtı"})
    rows = fields.List(fields.Integer(validate=validate.Range(min=1, max=200)), validate=validate.Length(max=50),
                       metadata={"description": "Sıralardaki koltuk sayıları, ön sıra önce", "example": [7, 9, 9]})

    @post_load
    def _in_utc(self, data, **_):
        return dates_in_utc(data, ("starts_at",))


class InviteSchema(StrictSchema):
    contact_ids = ids(2000, load_default=list)
    segment_ids = ids(50, load_default=list)

    @validates_schema
    def _someone(self, data, **_):
        if not data.get("contact_ids") and not data.get("segment_ids"):
            raise ValidationError("Davet edilecek en az bir kişi ya da liste seçilmeli.", "contact_ids")


class ReplySchema(StrictSchema):
    reply = one_of(REPLIES, required=True, metadata={"description": "accepted: katılacak; declined: katılamayacak"})


class InvitationReplySchema(ReplySchema):
    """The invitee's answer through their personal link (the token is in the link)."""
    token = fields.String(required=True, validate=TOKEN)


class CheckInSchema(StrictSchema):
    contact_id = fields.UUID(required=True)
