"""What press's operations take (`contracts.press_api`), and the press vocabularies, defined once: press
loads every RPC's input through these schemas (`press.inputs.load`), and the gateway checks a request with
the same ones before it crosses the broker, so both refuse alike and the API document shows the bounds.
What the schemas fill in (`load_default`) is what press would have assumed."""
from datetime import date, timezone

from marshmallow import ValidationError, fields, post_load, validate

from .inbound import PRESS_TYPES, StrictSchema, no_control_characters, one_line, web_address
from .press import TONES

MB = 1024 * 1024
# clippings entered by hand come from print, TV or radio; the rest from the news feeds
MANUAL_KINDS = ("print", "tv", "radio")
CLIPPING_KINDS = ("feed",) + MANUAL_KINDS
RELEASE_STATES = ("taslak", "onay_bekliyor", "onaylandi", "iade", "yayimlandi")
PUBLICATION_KINDS = ("magazine", "newspaper", "bulletin")
PERIODS = ("monthly", "quarterly", "yearly")
PRODUCTION_KINDS = ("programme", "series")
PRODUCTION_STATUSES = ("planlandi", "hazirlaniyor", "yayinlandi", "iptal")
# whose guests a conference's materials go to: who came, who said they would, every guest who did not decline
AUDIENCES = {"attended": "gelenler", "accepted": "katılacağını bildirenler", "invited": "reddetmeyen tüm davetliler"}
PHOTO_TYPES = ("image/jpeg", "image/png", "video/mp4")
SCAN_TYPES = ("image/jpeg", "image/png", "application/pdf")
PDF_TYPES = ("application/pdf",)
# Word, PowerPoint and Excel
OFFICE_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MATERIAL_TYPES = SCAN_TYPES + ("video/mp4",) + OFFICE_TYPES
MAX_PHOTO_BYTES = MAX_SCAN_BYTES = MAX_MATERIAL_BYTES = 20 * MB
MAX_PDF_BYTES = 50 * MB
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
DIRECTORATE = validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                              error="Müdürlük kodu küçük harf, rakam ve tire olmalı (örn. fen-isleri).")
# whole base64 groups of four, the last one padded: what decodes, and so what the API document may call valid
BASE64 = validate.Regexp(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
                         error="Dosya içeriği geçerli base64 olmalı.")
# an http(s) address (contracts.inbound's: credentials pass the pattern, press's outbound check refuses them)
WEB_ADDRESS = web_address
# as an applicant's (contracts.inbound.ApplicantSchema), or empty (none): a journalist's request becomes an
# application
PHONE = validate.Regexp(r"^(?:\+?[0-9 ()-]{7,20})?$", error="Geçersiz telefon numarası.")


def base64_length(max_bytes):
    """The longest base64 text of a file of `max_bytes`."""
    return 4 * ((max_bytes + 2) // 3)


def body_limit(max_file_bytes):
    """The body of a request carrying one such file, with room for its other fields."""
    return base64_length(max_file_bytes) + 64 * 1024


def text(max_length, required=True, min_length=None, **kwargs):
    least = (1 if required else 0) if min_length is None else min_length
    return fields.String(required=required, validate=[validate.Length(min=least, max=max_length),
                                                      no_control_characters], **kwargs)


def line(max_length, required=True, min_length=None, **kwargs):
    """A one-line text (a title, a name, a file name): no CR/LF (`contracts.inbound.one_line`)."""
    field = text(max_length, required=required, min_length=min_length, **kwargs)
    field.validators.append(one_line)
    return field


def one_of(choices, **kwargs):
    choices = tuple(choices)
    return fields.String(validate=validate.OneOf(choices, error="Şunlardan biri olmalı: " + ", ".join(choices) + "."),
                         **kwargs)


def day(**kwargs):
    return fields.Date(validate=validate.Range(min=FIRST_DAY, max=LAST_DAY,
                                               error="1900-01-01 ile 2100-12-31 arasında olmalı."), **kwargs)


def moment(**kwargs):
    return fields.AwareDateTime(metadata={"example": "2026-11-26T11:00:00+03:00"}, **kwargs)


def link(required=False):
    # one_line too: Python's `$` would let a final line break through the pattern
    return fields.String(required=required, allow_none=not required,
                         validate=[validate.Length(max=2000), WEB_ADDRESS, one_line])


class Flag(fields.Boolean):
    """A JSON true or false, nothing else (marshmallow's Boolean also takes 0, 1, "yes", "on" …, which the
    API document does not call valid)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is True or value is False:
            return value
        raise self.make_error("invalid")


def page_limit(default=50, most=200):
    return fields.Integer(load_default=default, validate=validate.Range(min=1, max=most))


def page_offset():
    return fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


def upload(name, types, max_bytes, **extra):
    """A file sent base64-encoded; press checks its type again from its first bytes."""
    return type(name, (StrictSchema,), {
        "filename": line(200), "content_type": one_of(types, required=True),
        "content_base64": fields.String(required=True, validate=[
            validate.Length(min=1, max=base64_length(max_bytes)), BASE64]), **extra})


class InUtc:
    """Aware date-times in UTC: any ISO 8601 offset is accepted, PostgreSQL takes only ±15:59."""
    moments = ()

    @post_load
    def _in_utc(self, data, **_):
        for key in self.moments:
            if data.get(key) is not None:
                try:
                    data[key] = data[key].astimezone(timezone.utc)
                except OverflowError:
                    raise ValidationError("Tarih aralık dışında.", key) from None
        return data


PressScanUpload = upload("PressScanUpload", SCAN_TYPES, MAX_SCAN_BYTES)
PressPdfUpload = upload("PressPdfUpload", PDF_TYPES, MAX_PDF_BYTES)
PressPhotoUpload = upload("PressPhotoUpload", PHOTO_TYPES, MAX_PHOTO_BYTES,
                          caption=text(500, required=False, load_default=""))
PressMaterialFile = upload("PressMaterialFile", MATERIAL_TYPES, MAX_MATERIAL_BYTES)


class PressSourceInput(StrictSchema):
    url = link(required=True)
    outlet = line(200)
    interval_minutes = fields.Integer(load_default=30, strict=True, validate=validate.Range(
        min=5, max=1440, error="5 ile 1440 dakika arasında olmalı."))


class PressClippingInput(InUtc, StrictSchema):
    """A clipping from print, TV or radio entered by hand, with its scan (JPEG, PNG or PDF) if there is one."""
    moments = ("published_at",)
    title = line(500)
    outlet = line(200)
    kind = one_of(MANUAL_KINDS, required=True)
    published_at = moment(required=True)
    summary = text(5000, required=False, load_default="")
    page_or_programme = line(200, required=False, allow_none=True)
    url = link()
    topic = line(100, required=False, allow_none=True)
    new_practice = Flag(load_default=False)
    scan = fields.Nested(PressScanUpload, allow_none=True)


class PressClippingQuery(StrictSchema):
    date_from = day()
    date_to = day()
    outlet = text(200, required=False)
    tone = one_of(TONES + ("none",), metadata={"description": "none: tonu henüz belirlenmemiş"})
    topic = text(100, required=False)
    directorate = fields.String(validate=[validate.Length(max=60), DIRECTORATE])
    important = fields.Boolean()
    kind = one_of(CLIPPING_KINDS)
    limit = page_limit()
    offset = page_offset()


class PressClippingSearch(PressClippingQuery):
    q = text(300)
    sort = one_of(("newest", "relevance"), load_default="newest")


class PressTone(StrictSchema):
    tone = one_of(TONES, required=True)


class PressClassification(StrictSchema):
    topic = line(100, required=False, allow_none=True)
    new_practice = Flag()


class PressFlag(StrictSchema):
    """Important (on the board) or not; the directorates to tell (once each) and a note for them."""
    important = Flag(load_default=True)
    directorates = fields.List(fields.String(validate=[validate.Length(max=60), DIRECTORATE]), load_default=list,
                               validate=validate.Length(max=30))
    note = text(2000, required=False, load_default="")


class PressBoardQuery(StrictSchema):
    limit = page_limit(default=12, most=50)


class PressDay(StrictSchema):
    """A day in a path: `/api/v1/press/digests/2026-11-25`."""
    day = day(required=True)


class PressReleaseInput(InUtc, StrictSchema):
    """A draft; `segment_id` is the contacts segment (the media list) it goes to once published."""
    moments = ("embargo_until",)
    title = line(300)
    summary = text(2000, required=False, load_default="")
    body = text(50000)
    url = link()
    embargo_until = moment(allow_none=True)
    segment_id = line(100, required=False, allow_none=True)


class PressReleaseEdit(InUtc, StrictSchema):
    """Only the fields to change; the release gets a new version (none when nothing is sent)."""
    moments = ("embargo_until",)
    title = line(300, required=False, min_length=1)
    summary = text(2000, required=False)
    body = text(50000, required=False, min_length=1)
    url = link()
    embargo_until = moment(allow_none=True)
    segment_id = line(100, required=False, allow_none=True)


class PressReleaseQuery(StrictSchema):
    state = one_of(RELEASE_STATES)
    limit = page_limit()
    offset = page_offset()


class PressApproval(StrictSchema):
    comment = text(2000, required=False)


class PressReturn(StrictSchema):
    comment = text(2000, metadata={"description": "Ne düzeltilecek"})


class PressPublicationInput(StrictSchema):
    title = line(200)
    kind = one_of(PUBLICATION_KINDS, required=True)
    frequency = line(100, required=False, allow_none=True)
    segment_ids = fields.List(line(100), load_default=list, validate=validate.Length(max=50))


class PressIssueInput(StrictSchema):
    number = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=100_000))
    issued_on = day(required=True)
    contents = text(20000, required=False, load_default="")
    print_run = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=0, max=100_000_000))
    pdf = fields.Nested(PressPdfUpload, allow_none=True)


class PressDistribution(StrictSchema):
    segment_ids = fields.List(line(100), required=True, validate=validate.Length(max=50))


class PressConferenceMaterialInput(StrictSchema):
    """A press conference's material: the presentation, the press kit, a photo, a short film."""
    title = line(200, metadata={"example": "Sunum"})
    file = fields.Nested(PressMaterialFile, required=True)


class PressConferenceShareInput(StrictSchema):
    """Every material of the conference, by e-mail, to its guests of `audience` that have an address."""
    audience = one_of(AUDIENCES, required=True, metadata={
        "description": "; ".join(f"{code}: {words}" for code, words in AUDIENCES.items())})
    note = text(2000, required=False, load_default="", metadata={"description": "E-postaya eklenecek not"})


class PressSubscriptionInput(StrictSchema):
    publication = line(200)
    period = one_of(PERIODS, required=True)
    cost = fields.String(allow_none=True, metadata={"example": "4800.00"}, validate=validate.Regexp(
        r"^[0-9]{1,9}(\.[0-9]{1,2})?$", error="Tutar 4800.00 biçiminde olmalı."))
    started_on = day(required=True)
    paid_until = day(allow_none=True)
    notes = text(2000, required=False, load_default="")


class PressSubscriptionQuery(StrictSchema):
    active_only = fields.Boolean(load_default=False)


class PressProductionInput(StrictSchema):
    title = line(300)
    kind = one_of(PRODUCTION_KINDS, required=True)
    outlet = line(200, required=False, load_default="")
    status = one_of(PRODUCTION_STATUSES, load_default="planlandi")
    partners = fields.List(line(200), load_default=list, validate=validate.Length(max=50))
    notes = text(5000, required=False, load_default="")


class PressProductionStatus(StrictSchema):
    status = one_of(PRODUCTION_STATUSES, required=True)
    notes = text(5000, required=False, allow_none=True)


class PressProductionQuery(StrictSchema):
    status = one_of(PRODUCTION_STATUSES)


# -- a journalist's request: an application of the `basin` channel, taken in by intake ------------------
class PressJournalist(StrictSchema):
    full_name = line(200)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    phone = fields.String(validate=PHONE)


class PressRequest(StrictSchema):
    """A journalist's question or interview request: a case with the press service's due date, routed to
    the directorate that knows; its answer goes back only after the mayor's office approves it."""
    type = one_of(PRESS_TYPES, required=True,
                  metadata={"description": "basin_bilgi (bilgi talebi) ya da basin_roportaj (röportaj)"})
    outlet = line(200, metadata={"description": "Yayın kuruluşu"})
    subject = line(300)
    # the application's body is "Yayın kuruluşu: <outlet>" and the question: both within its 20,000 characters
    question = text(19500)
    category = line(60, metadata={"description": "Yönlendirme kategorisi, örn. sokak-hayvanlari"})
    journalist = fields.Nested(PressJournalist, required=True)
