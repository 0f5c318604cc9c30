"""What other systems send: an application submission.

The same schema validates `POST /api/v1/applications` at the gateway, the RPC to intake, and messages
on the `ebelediye.inbound` exchange (DESIGN.md §2, "Inbound").
"""
from datetime import datetime, timedelta, timezone

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates, validates_schema

SOURCE = "ebelediye"
EXCHANGE = "ebelediye.inbound"
APPLICATION_SUBMITTED = "application_submitted"
EVENT_TYPES = (APPLICATION_SUBMITTED,)

CHANNELS = ("bilgi_edinme", "dilekce", "cimer", "muhtar", "halk_masasi", "e_belediye", "basin")

# The application types each channel may carry. CİMER carries its own six types.
CIMER_TYPES = ("istek", "sikayet", "gorus_oneri", "bilgi_edinme", "ihbar", "tesekkur")
PETITION_TYPES = ("istek", "sikayet", "gorus_oneri", "ihbar", "tesekkur")
# a journalist's request to the press service: for information, or for an interview
PRESS_TYPES = ("basin_bilgi", "basin_roportaj")
# a data subject's request to the data controller (KVKK m. 11, 13): in writing, by e-mail or in person
# (dilekçe) or through e-belediye; not a 3071 petition (own clock, own formal checks)
KVKK_REQUEST = "kvkk_basvurusu"
KVKK_TYPES = (KVKK_REQUEST,)
TYPES_BY_CHANNEL = {
    "bilgi_edinme": ("bilgi_edinme",),
    "dilekce": PETITION_TYPES + KVKK_TYPES,
    "cimer": CIMER_TYPES,
    "muhtar": ("istek", "sikayet", "gorus_oneri"),
    "halk_masasi": ("istek", "sikayet", "gorus_oneri", "tesekkur"),
    "e_belediye": CIMER_TYPES + KVKK_TYPES,
    "basin": PRESS_TYPES,
}
REPLY_CHANNELS = ("email", "sms", "post")

ATTACHMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")
ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
ATTACHMENT_MAX_COUNT = 5


# Staff and other systems' operators read these: in Turkish.
FIELD_MESSAGES = {
    "required": "Bu alan zorunludur.",
    "null": "Bu alan boş (null) olamaz.",
    "invalid": "Geçersiz değer.",
    "validator_failed": "Geçersiz değer.",
}
TYPE_MESSAGES = {
    fields.String: "Metin olmalı.",
    fields.Boolean: "true ya da false olmalı.",
    fields.Float: "Sayı olmalı.",
    fields.Integer: "Tam sayı olmalı.",
    fields.AwareDateTime: "Saat dilimli ISO 8601 tarih-saat olmalı (örn. 2026-03-13T18:42:10+03:00).",
    fields.Nested: "Nesne olmalı.",
    fields.List: "Liste olmalı.",
}


def no_control_characters(value):
    """Text a person wrote has no NUL or other C0 control characters (tab and line breaks aside);
    PostgreSQL refuses NUL outright."""
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value):
        raise ValidationError("Metin denetim karakteri içeremez.")


# CR and LF, and what else ends a line somewhere (vertical tab, form feed, NEL, the Unicode separators)
LINE_BREAKS = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
ONE_LINE_MESSAGE = "Tek satır olmalı: satır sonu (CR/LF) içeremez."


def one_line(value):
    """A one-line field (a title, subject, name, file name, place, reference) has no line break: one would
    break the e-mail header, the file name or the line it is written into (a title with CR/LF left
    invitations failing in the queue). The one validator every schema uses for such fields."""
    if isinstance(value, str) and any(ch in LINE_BREAKS for ch in value):
        raise ValidationError(ONE_LINE_MESSAGE)


def one_of(choices):
    return validate.OneOf(choices, error="Şunlardan biri olmalı: " + ", ".join(choices) + ".")


def length(min=None, max=None, equal=None):
    if equal is not None:
        return validate.Length(equal=equal, error=f"Tam {equal} karakter olmalı.")
    if min and max:
        return validate.Length(min=min, max=max, error=f"{min} ile {max} karakter (öğe) arasında olmalı.")
    if max:
        return validate.Length(max=max, error=f"En fazla {max} karakter (öğe) olabilir.")
    return validate.Length(min=min, error=f"En az {min} karakter olmalı.")


class StrictSchema(Schema):
    """Unknown fields are an error at the edge: a typo must not be silently dropped."""

    error_messages = {"unknown": "Bilinmeyen alan.", "type": "Geçersiz girdi: bir JSON nesnesi bekleniyordu."}

    class Meta:
        unknown = RAISE

    def on_bind_field(self, field_name, field_obj):
        field_obj.error_messages.update(FIELD_MESSAGES)
        # an id is not text: a UUID loads to uuid.UUID, which the check could not read
        if isinstance(field_obj, fields.String) and not isinstance(field_obj, fields.UUID) \
                and no_control_characters not in field_obj.validators:
            field_obj.validators.append(no_control_characters)
        for field_type, message in TYPE_MESSAGES.items():
            if isinstance(field_obj, field_type):
                field_obj.error_messages["invalid"] = message
                field_obj.error_messages["type"] = message
        if isinstance(field_obj, fields.Float):
            field_obj.error_messages["special"] = "Sayı olmalı."


class LocationSchema(StrictSchema):
    """Where: coordinates (both or neither), a description of the place (an address as written), or both."""

    latitude = fields.Float(validate=validate.Range(min=-90, max=90, error="-90 ile 90 arasında olmalı."))
    longitude = fields.Float(validate=validate.Range(min=-180, max=180, error="-180 ile 180 arasında olmalı."))
    description = fields.String(validate=[length(max=300), one_line])

    @validates_schema
    def _coordinates_or_description(self, data, **_):
        if ("latitude" in data) != ("longitude" in data):
            missing = "longitude" if "latitude" in data else "latitude"
            raise ValidationError({missing: ["Enlem ve boylam birlikte verilmeli."]})
        if "latitude" not in data and not data.get("description"):
            raise ValidationError({"latitude": ["Koordinat ya da yer tarifi (description) gerekli."]})


# an http(s) address on one line, e.g. a photo of the problem an Open311 client uploaded elsewhere: a host name,
# an IP address or [IPv6], perhaps with credentials, a port, and a path, query or fragment without spaces or
# control characters. A pattern, so the API document says what is taken
web_address = validate.Regexp(
    r"^[Hh][Tt][Tt][Pp][Ss]?://(?:[^\s/?#@\u0000-\u001f\u007f]+@)?"
    r"(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)"
    r"(?::[0-9]{1,5})?(?:[/?#][^\s\u0000-\u001f\u007f]*)?$",
    error="http:// ya da https:// ile başlayan, boşluk içermeyen bir adres olmalı.")


class ApplicantSchema(StrictSchema):
    """Who applies. Every field is optional here: a missing name or address is a *formal* defect
    (the application is stored as not processed, with the reason), not a malformed request."""

    full_name = fields.String(validate=[length(max=200), one_line])
    # the number's shape is the request's; its checksum is the applicant's data: a 4982 or KVKK application
    # with a wrong one is not processed, with the reason (intake's formal checks), a petition needs none
    tc_kimlik_no = fields.String(validate=[length(equal=11), one_line, validate.Regexp(
        r"^[1-9][0-9]{10}$", error="Geçersiz TC Kimlik No: 0 ile başlamayan 11 rakam olmalı.")])
    email = fields.Email(validate=[length(max=254), one_line],
                         error_messages={"invalid": "Geçerli bir e-posta adresi olmalı."})
    phone = fields.String(validate=[validate.Regexp(r"^\+?[0-9 ()-]{7,20}$", error="Geçersiz telefon numarası."),
                                    one_line])
    postal_address = fields.String(validate=length(max=500))
    preferred_reply_channel = fields.String(validate=one_of(REPLY_CHANNELS))
    hide_identity = fields.Boolean(load_default=False)
    signed = fields.Boolean(load_default=True)


class AttachmentSchema(StrictSchema):
    filename = fields.String(required=True, validate=[length(min=1, max=200), one_line])
    content_type = fields.String(required=True, validate=one_of(ATTACHMENT_TYPES))
    content_base64 = fields.String(required=True)

    @validates("content_base64")
    def _bounded(self, value, **_):
        # base64 is 4/3 of the raw size
        if len(value) * 3 // 4 > ATTACHMENT_MAX_BYTES:
            raise ValidationError(f"Ek en fazla {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB olabilir.")


class ApplicationSubmissionSchema(StrictSchema):
    """An application as a channel submits it.

    Example::

        {"channel": "cimer", "type": "sikayet", "category": "cop",
         "subject": "Çöp toplanmıyor", "body": "Sokağımızda üç gündür çöp alınmadı.",
         "neighbourhood": "Sarnıç",
         "applicant": {"full_name": "Ayşe Yılmaz", "email": "ayse@example.org",
                       "postal_address": "Sarnıç Mah. 1 Sok. No 2", "preferred_reply_channel": "email"},
         "source_system": "cimer", "source_reference": "CMR-2026-0042"}
    """

    channel = fields.String(required=True, validate=one_of(CHANNELS))
    type = fields.String(required=True)
    category = fields.String(required=True, validate=[length(min=1, max=60), one_line])
    subject = fields.String(load_default="", validate=[length(max=300), one_line])
    body = fields.String(required=True, validate=length(min=1, max=20000))
    neighbourhood = fields.String(validate=[length(max=100), one_line])
    location = fields.Nested(LocationSchema)
    # a picture or other media of the problem, kept as a link (Open311 GeoReport's media_url)
    media_url = fields.String(validate=[length(max=1000), web_address, one_line])
    applicant = fields.Nested(ApplicantSchema, required=True)
    attachments = fields.List(fields.Nested(AttachmentSchema), load_default=list,
                              validate=length(max=ATTACHMENT_MAX_COUNT))
    source_system = fields.String(validate=[length(min=1, max=60), one_line])
    source_reference = fields.String(validate=[length(min=1, max=120), one_line])
    received_at = fields.AwareDateTime()

    @validates("received_at")
    def _plausible_date(self, value, **_):
        try:
            utc = value.astimezone(timezone.utc)
        except OverflowError:
            raise ValidationError("Tarih aralık dışında.") from None
        if utc > datetime.now(timezone.utc) + timedelta(minutes=5):
            raise ValidationError("Başvuru tarihi gelecekte olamaz.")
        if utc.year < 2000:
            raise ValidationError("Başvuru tarihi 2000 yılından önce olamaz.")

    @post_load
    def _received_at_in_utc(self, data, **_):
        # any ISO 8601 offset is accepted; PostgreSQL takes only ±15:59, and UTC names the same instant
        if "received_at" in data:
            data["received_at"] = data["received_at"].astimezone(timezone.utc)
        return data

    @validates_schema
    def _type_fits_channel(self, data, **_):
        channel, app_type = data.get("channel"), data.get("type")
        if channel in TYPES_BY_CHANNEL and app_type not in TYPES_BY_CHANNEL[channel]:
            allowed = ", ".join(TYPES_BY_CHANNEL[channel])
            raise ValidationError(f"'{channel}' kanalında başvuru türü şunlardan biri olmalı: {allowed}.", "type")
        if bool(data.get("source_system")) != bool(data.get("source_reference")):
            raise ValidationError("source_system ile source_reference birlikte verilmeli.", "source_reference")


PAYLOAD_SCHEMAS = {APPLICATION_SUBMITTED: ApplicationSubmissionSchema}
