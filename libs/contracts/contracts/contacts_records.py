"""What the information bank's operations take and answer (records, roles, upkeep, duplicates, imports and
exports), declared once: contacts checks every input with these schemas before its own rules (with its own
Turkish words for the codes it owns), the gateway loads the same and documents both. Answers are the shapes
contacts returns (`contacts.records.public`: ids, days and moments as text)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .contacts import (CATEGORIES, DUPLICATE_REASONS, FILE_FORMATS, IMPORT_STATUSES, KINDS, LAWFUL_BASES,
                       MAX_IMPORT_BYTES)
from .contacts_fields import (code, codes, day, enum_of, ids, line, lines, listed, maybe, one_of, page_limit,
                              page_offset, text, texts)
from .inbound import StrictSchema

# whole groups of four, padded as contacts decodes them (base64.b64decode(validate=True))
BASE64 = validate.Regexp(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
                         error="Dosya içeriği geçerli base64 olmalı.")
RECORD_BYTES = 64 * 1024


def base64_length(max_bytes):
    """The longest base64 text of a file of `max_bytes`."""
    return 4 * ((max_bytes + 2) // 3)


IMPORT_BODY_BYTES = base64_length(MAX_IMPORT_BYTES) + 64 * 1024


# -- what records take ---------------------------------------------------------------------------------------
class ContactConsentInput(StrictSchema):
    basis = code(LAWFUL_BASES, allow_none=True, metadata={"description": "KVKK yasal dayanağı",
                                                          "example": "kanunda_ongorulme"})
    given_on = day(allow_none=True)


class ContactRoleInput(StrictSchema):
    """An office held: `office` a code of the precedence list (or written as its title), else free text."""
    organisation_id = fields.UUID(allow_none=True, metadata={"description": "Kurum kaydının kimliği"})
    organisation_name = line(500, allow_none=True)
    office = line(200, allow_none=True, metadata={"example": "muhtar"})
    title = line(200, allow_none=True, metadata={"example": "Sarnıç Mahallesi Muhtarı"})
    started_on = day(allow_none=True)
    ended_on = day(allow_none=True)


class ContactChanges(StrictSchema):
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
    consent = fields.Nested(ContactConsentInput)
    last_verified_on = day(allow_none=True)
    external_ref = line(200, allow_none=True, metadata={"description": "İçe aktarılan dosyadaki Kayıt No"})


class ContactInput(ContactChanges):
    """A new record: a person (`full_name`, roles) or an organisation (`name`)."""
    kind = one_of(KINDS, required=True)
    roles = fields.List(fields.Nested(ContactRoleInput), validate=validate.Length(max=20))


class ContactRoleEnd(StrictSchema):
    ended_on = day(allow_none=True, metadata={"description": "Boşsa bugün"})


class ContactVerified(StrictSchema):
    verified_on = day(allow_none=True, metadata={"description": "Boşsa bugün"})


class ContactOptOut(StrictSchema):
    opted_out_on = day(allow_none=True, metadata={"description": "Boşsa bugün"})


class FilterQuery(StrictSchema):
    """The filters a search and an export share (contacts' names: category, tag, neighbourhood, office,
    organisation)."""
    category = code(CATEGORIES, min_length=1)
    tag = text(100, min_length=1)
    neighbourhood = text(100, min_length=1)
    office = text(200, min_length=1)
    organisation = fields.UUID(metadata={"description": "Bu kurumda görevi olanlar"})


class ContactSearchQuery(FilterQuery):
    q = text(200, metadata={"description": "Türkçe harflere duyarsız, yazım hatasına dayanıklı arama; telefon ya da "
                                           "e-posta tam eşleşir", "example": "isik"})
    limit = page_limit()
    offset = page_offset()


class ExportQuery(FilterQuery):
    format = one_of(FILE_FORMATS, load_default="csv")
    segment_id = fields.UUID(metadata={"description": "Bir listenin toplu gönderim listesi (süzgeçler yok sayılır)"})


class StaleQuery(StrictSchema):
    older_than_days = fields.Integer(load_default=365, validate=validate.Range(min=0, max=36500))
    limit = page_limit(100, 500)
    offset = page_offset()


class DuplicateQuery(StrictSchema):
    limit = page_limit(50, 500)


class ContactReverification(StrictSchema):
    """A campaign: every live record of these categories or holding these offices today is to be checked."""
    categories = codes(CATEGORIES, 20, load_default=list, metadata={"example": ["muhtar"]})
    offices = texts(50, 60, load_default=list, metadata={"example": ["muhtar"]})
    reason = text(300, required=True, metadata={"example": "2024 yerel seçimleri"})


class ContactMerge(StrictSchema):
    keep_id = fields.UUID(required=True, metadata={"description": "Kalan kayıt"})
    other_id = fields.UUID(required=True, metadata={"description": "Kalan kayda katılan kayıt"})


class DuplicateDismissalInput(StrictSchema):
    """Two records staff judged to be different people or organisations: the pair is no longer proposed."""
    contact_ids = ids(2, min_items=2, required=True, metadata={"uniqueItems": True,
                                                               "description": "İki farklı kaydın kimliği"})
    reason = text(500, allow_none=True, metadata={"example": "Farklı kişiler: biri Sarnıç'ta, biri Aktepe'de."})

    @validates_schema
    def _two_records(self, data, **_):
        if len(set(data.get("contact_ids") or ())) == 1:
            raise ValidationError("İki farklı kayıt seçilmeli; aynı kayıt iki kez seçildi.", "contact_ids")


class ContactImportInput(StrictSchema):
    """A CSV as Excel writes it (UTF-8 with or without BOM, or Windows-1254; `;` or `,`) or a vCard file."""
    format = one_of(FILE_FORMATS, required=True)
    filename = line(200, required=True, metadata={"example": "muhtarlar.csv"})
    content_base64 = fields.String(required=True, validate=[
        validate.Length(min=1, max=base64_length(MAX_IMPORT_BYTES)), BASE64])
    dry_run = fields.Boolean(load_default=False, metadata={"description": "Hiçbir şey yazmadan dene"})


# -- what records answer -------------------------------------------------------------------------------------
class ContactRole(Schema):
    id = fields.Integer()
    organisation_id = maybe(fields.UUID)
    organisation_name = maybe(fields.String)
    office = maybe(fields.String, metadata={"description": "Protokol listesindeki makam kodu, yoksa yazıldığı gibi"})
    title = maybe(fields.String)
    started_on = maybe(fields.Date)
    ended_on = maybe(fields.Date, metadata={"description": "Boşsa görev sürüyor; biten görev geçmişte kalır"})


class ContactConsent(Schema):
    basis = maybe(fields.String, metadata={"enum": enum_of(LAWFUL_BASES, nullable=True)})
    given_on = maybe(fields.Date)
    opted_out_on = maybe(fields.Date, metadata={"description": "KVKK: iletişimi reddettiği gün"})


class Contact(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"enum": enum_of(KINDS)})
    full_name = fields.String(metadata={"description": "Kişi kayıtlarında"})
    name = fields.String(metadata={"description": "Kurum kayıtlarında"})
    category = maybe(fields.String, metadata={"enum": enum_of(CATEGORIES, nullable=True)})
    phones = fields.List(fields.String(), metadata={"description": "E.164"})
    emails = fields.List(fields.String())
    addresses = fields.List(fields.String())
    neighbourhood = maybe(fields.String)
    tags = fields.List(fields.String())
    notes = maybe(fields.String)
    roles = listed(ContactRole)
    consent = fields.Nested(ContactConsent)
    last_verified_on = maybe(fields.Date)
    external_ref = maybe(fields.String)
    merged_into = maybe(fields.UUID)
    verification_due_reason = maybe(fields.String)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    possible_duplicates = fields.List(fields.UUID(), metadata={"description": "Yeni kayıtta: aynı kişi olabilecekler"})


class ContactHeldRole(Schema):
    office = maybe(fields.String)
    title = maybe(fields.String)
    organisation_name = maybe(fields.String)


class ContactSummary(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"enum": enum_of(KINDS)})
    name = fields.String()
    category = maybe(fields.String, metadata={"enum": enum_of(CATEGORIES, nullable=True)})
    neighbourhood = maybe(fields.String)
    tags = fields.List(fields.String())
    roles = listed(ContactHeldRole)
    phones = fields.List(fields.String())
    emails = fields.List(fields.String())
    opted_out = fields.Boolean()
    score = fields.Float()


class ContactPage(Schema):
    total = fields.Integer()
    contacts = listed(ContactSummary)


class StaleContact(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"enum": enum_of(KINDS)})
    name = fields.String()
    category = maybe(fields.String, metadata={"enum": enum_of(CATEGORIES, nullable=True)})
    last_verified_on = maybe(fields.Date)
    verification_due_reason = maybe(fields.String)
    verification_due_since = maybe(fields.Date)


class StaleContactPage(Schema):
    total = fields.Integer()
    contacts = listed(StaleContact)


class ReverificationStarted(Schema):
    marked = fields.Integer()
    reason = fields.String()


class DuplicateCandidate(Schema):
    ids = fields.List(fields.UUID())
    names = fields.List(fields.String())
    reasons = fields.List(fields.String(metadata={"enum": enum_of(DUPLICATE_REASONS)}))
    reason_labels = fields.List(fields.String())
    score = fields.Integer(metadata={"description": "Adların benzerliği, 0–100"})


class DuplicateList(Schema):
    candidates = listed(DuplicateCandidate)


class DuplicateDismissal(Schema):
    ids = fields.List(fields.UUID(), metadata={"description": "İki kayıt, küçük kimlik önce"})
    dismissed_by = fields.String()
    dismissed_at = fields.DateTime(metadata={"description": "İlk kez ayrı sayıldığı an"})
    reason = maybe(fields.String)


class MergedField(Schema):
    field = fields.String()
    value = fields.Raw(metadata={"description": "Katılan kayıttan gelen değer (metin, görev ya da tarih)"})


class ContactsMerged(Schema):
    contact = fields.Nested(Contact)
    moved = listed(MergedField)


class ContactImportRowErrors(Schema):
    row = fields.Integer(metadata={"description": "Dosyadaki satır (başlık 1. satır; 0: dosyanın tamamı)"})
    errors = fields.List(fields.String())


class ContactImport(Schema):
    import_id = fields.UUID()
    format = fields.String(metadata={"enum": enum_of(FILE_FORMATS)})
    filename = fields.String()
    dry_run = fields.Boolean()
    status = fields.String(metadata={"enum": enum_of(IMPORT_STATUSES)})
    total_rows = maybe(fields.Integer)
    processed_rows = fields.Integer()
    created = fields.Integer()
    updated = fields.Integer()
    skipped = fields.Integer()
    errors = listed(ContactImportRowErrors)
    started_by = fields.String()
    started_at = fields.DateTime()
    finished_at = maybe(fields.DateTime)
