"""Events published by `services/contacts` (the information bank) on the `contacts.events` exchange.

`contact_changed` and `segment_changed` say *that* something changed, with ids only: a consumer that
needs the details asks contacts (`segment_members`), so names and addresses do not spread through the
broker. `invitations_issued` is the exception on purpose: notify must reach each invitee, so it carries
the name, the e-mail or mobile phone and the personal reply link of each, and nothing more; and
`invitation_replied` names who answered, for the protocol desk's notice.
"""
from marshmallow import EXCLUDE, Schema, fields, validate

SOURCE = "contacts"
EXCHANGE = "contacts.events"

CONTACT_CHANGED = "contact_changed"
SEGMENT_CHANGED = "segment_changed"
INVITATIONS_ISSUED = "invitations_issued"
INVITATION_REPLIED = "invitation_replied"
EVENT_TYPES = (CONTACT_CHANGED, SEGMENT_CHANGED, INVITATIONS_ISSUED, INVITATION_REPLIED)

CONTACT_CHANGES = ("created", "updated", "merged", "verified", "opted_out")
SEGMENT_KINDS = ("fixed", "filter")
SEGMENT_CHANGES = ("created", "updated", "deleted")
REPLIES = ("accepted", "declined")

# -- the information bank's vocabularies (DOMAIN.md §1, §5), defined here once: contacts judges with them and
# the gateway's API document lists them. Codes are what is stored and sent; labels are what staff read.
PERSON, ORGANISATION = "person", "organisation"
KINDS = (PERSON, ORGANISATION)
# category code -> (label, the kind of record the category naturally describes)
CATEGORY_KINDS = {
    "stk": ("Sivil toplum kuruluşu", ORGANISATION),
    "dernek": ("Dernek", ORGANISATION),
    "vakif": ("Vakıf", ORGANISATION),
    "siyasi_parti": ("Siyasi parti", ORGANISATION),
    "esnaf_odasi": ("Esnaf ve sanatkâr odası", ORGANISATION),
    "meslek_odasi": ("Meslek odası", ORGANISATION),
    "medya": ("Medya kuruluşu", ORGANISATION),
    "kamu_kurumu": ("Kamu kurumu", ORGANISATION),
    "mudurluk": ("Belediye müdürlüğü", ORGANISATION),
    "egitim_kurumu": ("Eğitim kurumu", ORGANISATION),
    "il_protokolu": ("İl protokolü", PERSON),
    "ilce_protokolu": ("İlçe protokolü", PERSON),
    "gazeteci": ("Gazeteci", PERSON),
    "muhtar": ("Muhtar", PERSON),
}
CATEGORIES = {code: label for code, (label, _kind) in CATEGORY_KINDS.items()}
# KVKK has no GDPR-style "public task" basis: a municipality relies on a duty laid down by law (5/2-a,
# e.g. Law 5393's duties), a legal obligation (5/2-ç), contact details the person made public (5/2-d),
# legitimate interest (5/2-f) or explicit consent (5/1). Which basis fits which list is the data
# controller's decision *(verify with the municipality's KVKK contact person)*.
LAWFUL_BASES = {
    "acik_riza": "Açık rıza (KVKK m.5/1)",
    "kanunda_ongorulme": "Kanunlarda açıkça öngörülmesi (KVKK m.5/2-a)",
    "kanuni_yukumluluk": "Hukuki yükümlülüğün yerine getirilmesi (KVKK m.5/2-ç)",
    "alenilestirme": "İlgilinin kendisince alenileştirilmiş olması (KVKK m.5/2-d)",
    "mesru_menfaat": "Veri sorumlusunun meşru menfaati (KVKK m.5/2-f)",
}
FILE_FORMATS = ("csv", "vcard")  # what is imported and exported
MAX_IMPORT_BYTES = 20 * 1024 * 1024
IMPORT_STATUSES = ("running", "done", "failed")
# why two records may be one
DUPLICATE_REASONS = {
    "same_phone": "Aynı telefon numarası",
    "same_email": "Aynı e-posta adresi",
    "same_name": "Aynı ad",
    "similar_name": "Benzer ad",
}
INVITATION_STATUSES = ("invited",) + REPLIES
# kinds of events the protocol desk runs, with their Turkish names
EVENT_KINDS = {
    "toren": "Tören",
    "acilis": "Açılış",
    "basin_toplantisi": "Basın toplantısı",
    "mahalle_toplantisi": "Mahalle toplantısı",
    "personel_egitimi": "Personel eğitimi",
}
EVENT_STATUSES = ("planned", "held", "cancelled")
PRESS_CONFERENCE = "basin_toplantisi"  # the one event kind the press office runs itself
OFFICE_CODE = r"^[a-z0-9_]{2,60}$"  # an office of the precedence list: ilce_muftusu


class _Payload(Schema):
    class Meta:
        unknown = EXCLUDE


class ContactChangedSchema(_Payload):
    """A record of the information bank changed. `merged`: `contact_id` was folded into `merged_into`
    and is no longer used; `opted_out`: the person refused further contact (KVKK), drop them from any
    list kept elsewhere."""

    contact_id = fields.UUID(required=True)
    change = fields.String(required=True, validate=validate.OneOf(CONTACT_CHANGES))
    merged_into = fields.UUID(allow_none=True, load_default=None)
    changed_by = fields.String(required=True)


class SegmentChangedSchema(_Payload):
    """A segment (a fixed list or a saved filter) was created, changed (its filter or members) or deleted."""

    segment_id = fields.UUID(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(SEGMENT_KINDS))
    change = fields.String(required=True, validate=validate.OneOf(SEGMENT_CHANGES))


class InviteeSchema(_Payload):
    """One person to invite: by e-mail when there is one, else by SMS to the mobile `phone` (E.164)."""

    invitation_id = fields.UUID(required=True)
    contact_id = fields.UUID(required=True)
    full_name = fields.String(required=True)
    email = fields.String(allow_none=True, load_default=None)
    phone = fields.String(allow_none=True, load_default=None)
    reply_url = fields.String(required=True)


class InvitationsIssuedSchema(_Payload):
    """Invitations to an event were created; each invitee appears in exactly one such event."""

    event_id = fields.UUID(required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    place = fields.String(allow_none=True, load_default=None)
    invitees = fields.List(fields.Nested(InviteeSchema), required=True)


class InvitationRepliedSchema(_Payload):
    """An invitee answered through their reply link (or the protocol desk recorded their answer)."""

    invitation_id = fields.UUID(required=True)
    event_id = fields.UUID(required=True)
    reply = fields.String(required=True, validate=validate.OneOf(REPLIES))
    # for the protocol desk's notice ("… katılacak"): who answered, to which event
    full_name = fields.String(allow_none=True, load_default=None)
    title = fields.String(allow_none=True, load_default=None)


PAYLOAD_SCHEMAS = {
    CONTACT_CHANGED: ContactChangedSchema,
    SEGMENT_CHANGED: SegmentChangedSchema,
    INVITATIONS_ISSUED: InvitationsIssuedSchema,
    INVITATION_REPLIED: InvitationRepliedSchema,
}
