"""What the information bank's routes answer: the shapes contacts' RPCs return
(`contacts.records.public`: ids, days and moments as text), as the gateway passes them on, for the OpenAPI
document; and files (exports, PDFs) as downloads."""
import base64
import re

from marshmallow import Schema, fields
from werkzeug.wrappers import Response


from contracts.contacts_api import CATEGORIES, enum_of

from .contacts_schemas import FILE_FORMATS, KINDS, LAWFUL_BASES

# contacts.duplicates.REASONS' codes (a copy: tests/contract/test_contacts_vocabularies.py holds it equal)
DUPLICATE_REASONS = ("same_phone", "same_email", "same_name", "similar_name")
IMPORT_STATUSES = ("running", "done", "failed")


def maybe(field_cls, *args, **kwargs):
    return field_cls(*args, allow_none=True, **kwargs)


def listed(schema):
    return fields.List(fields.Nested(schema))


def file_response(document, inline=False, headers=None):
    """contacts' `{"filename", "content_type", "content_base64"}` as a download, its type as contacts set it
    (a CSV keeps its charset and BOM); `inline` for a PDF to open and print."""
    filename = re.sub(r"[^A-Za-z0-9._-]", "_", document["filename"]) or "dosya"
    disposition = "inline" if inline else "attachment"
    return Response(base64.b64decode(document["content_base64"]), content_type=document["content_type"],
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"',
                             "Cache-Control": "no-store", **(headers or {})})


# -- records ----------------------------------------------------------------------------------------
class RoleSchema(Schema):
    id = fields.Integer()
    organisation_id = maybe(fields.UUID)
    organisation_name = maybe(fields.String)
    office = maybe(fields.String, metadata={"description": "Protokol listesindeki makam kodu, yoksa yazıldığı gibi"})
    title = maybe(fields.String)
    started_on = maybe(fields.Date)
    ended_on = maybe(fields.Date, metadata={"description": "Boşsa görev sürüyor; biten görev geçmişte kalır"})


class ConsentSchema(Schema):
    basis = maybe(fields.String, metadata={"enum": enum_of(LAWFUL_BASES, nullable=True)})
    given_on = maybe(fields.Date)
    opted_out_on = maybe(fields.Date, metadata={"description": "KVKK: iletişimi reddettiği gün"})


class ContactSchema(Schema):
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
    roles = listed(RoleSchema)
    consent = fields.Nested(ConsentSchema)
    last_verified_on = maybe(fields.Date)
    external_ref = maybe(fields.String)
    merged_into = maybe(fields.UUID)
    verification_due_reason = maybe(fields.String)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    possible_duplicates = fields.List(fields.UUID(), metadata={"description": "Yeni kayıtta: aynı kişi olabilecekler"})


class HeldRoleSchema(Schema):
    office = maybe(fields.String)
    title = maybe(fields.String)
    organisation_name = maybe(fields.String)


class ContactSummarySchema(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"enum": enum_of(KINDS)})
    name = fields.String()
    category = maybe(fields.String, metadata={"enum": enum_of(CATEGORIES, nullable=True)})
    neighbourhood = maybe(fields.String)
    tags = fields.List(fields.String())
    roles = listed(HeldRoleSchema)
    phones = fields.List(fields.String())
    emails = fields.List(fields.String())
    opted_out = fields.Boolean()
    score = fields.Float()


class ContactPageSchema(Schema):
    total = fields.Integer()
    contacts = listed(ContactSummarySchema)


class StaleContactSchema(Schema):
    id = fields.UUID()
    kind = fields.String(metadata={"enum": enum_of(KINDS)})
    name = fields.String()
    category = maybe(fields.String, metadata={"enum": enum_of(CATEGORIES, nullable=True)})
    last_verified_on = maybe(fields.Date)
    verification_due_reason = maybe(fields.String)
    verification_due_since = maybe(fields.Date)


class StalePageSchema(Schema):
    total = fields.Integer()
    contacts = listed(StaleContactSchema)


class ReverificationStartedSchema(Schema):
    marked = fields.Integer()
    reason = fields.String()


class DuplicateCandidateSchema(Schema):
    ids = fields.List(fields.UUID())
    names = fields.List(fields.String())
    reasons = fields.List(fields.String(metadata={"enum": enum_of(DUPLICATE_REASONS)}))
    reason_labels = fields.List(fields.String())
    score = fields.Integer(metadata={"description": "Adların benzerliği, 0–100"})


class DuplicateListSchema(Schema):
    candidates = listed(DuplicateCandidateSchema)


class DismissalSchema(Schema):
    ids = fields.List(fields.UUID(), metadata={"description": "İki kayıt, küçük kimlik önce"})
    dismissed_by = fields.String()
    dismissed_at = fields.DateTime(metadata={"description": "İlk kez ayrı sayıldığı an"})
    reason = maybe(fields.String)


class MovedSchema(Schema):
    field = fields.String()
    value = fields.Raw(metadata={"description": "Katılan kayıttan gelen değer (metin, görev ya da tarih)"})


class MergedSchema(Schema):
    contact = fields.Nested(ContactSchema)
    moved = listed(MovedSchema)


class ImportErrorSchema(Schema):
    row = fields.Integer(metadata={"description": "Dosyadaki satır (başlık 1. satır; 0: dosyanın tamamı)"})
    errors = fields.List(fields.String())


class ImportSchema(Schema):
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
    errors = listed(ImportErrorSchema)
    started_by = fields.String()
    started_at = fields.DateTime()
    finished_at = maybe(fields.DateTime)


