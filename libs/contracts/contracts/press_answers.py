"""What press's operations answer (`contracts.press_api`): the shapes press's RPCs return (`press.present.plain`:
ids and times as text), as the gateway passes them on; the API document shows them."""
from marshmallow import Schema, fields

from .contacts_api import EventView
from .press import TONES
from .press_inputs import (AUDIENCES, CLIPPING_KINDS, MATERIAL_TYPES, PERIODS, PRODUCTION_KINDS, PRODUCTION_STATUSES,
                           PUBLICATION_KINDS, RELEASE_STATES)


def maybe(field_cls, **kwargs):
    return field_cls(allow_none=True, **kwargs)


def listed(schema):
    return fields.List(fields.Nested(schema))


class PressSource(Schema):
    id = fields.UUID()
    url = fields.String()
    outlet = fields.String()
    interval_minutes = fields.Integer()
    active = fields.Boolean()
    etag = maybe(fields.String, metadata={"description": "Bir sonraki okumada If-None-Match ile gönderilir"})
    last_modified = maybe(fields.String)
    consecutive_failures = fields.Integer()
    next_fetch_at = fields.DateTime()
    last_fetched_at = maybe(fields.DateTime)
    last_outcome = maybe(fields.String, metadata={"enum": ["fetched", "not_modified", "failed", None]})
    last_error = maybe(fields.String)
    created_by = maybe(fields.String)
    created_at = fields.DateTime()
    clippings = fields.Integer(metadata={"description": "Bu kaynaktan gelen kupür sayısı (listede)"})


class PressSourceList(Schema):
    sources = listed(PressSource)


class PressToneEvidence(Schema):
    term = fields.String()
    tone = fields.String(metadata={"enum": ["lehte", "aleyhte"]})
    start = fields.Integer()
    end = fields.Integer()
    found = fields.String(metadata={"description": "Metinde geçtiği hâliyle, ekiyle"})
    snippet = fields.String()
    negated = fields.Boolean(metadata={"description": "Olumsuzlanmış: gösterilir, sayılmaz"})


class PressToneSuggestion(Schema):
    suggestion = fields.String(metadata={"enum": list(TONES)})
    label = fields.String()
    score = fields.Integer()
    final = fields.Boolean(metadata={"description": "Her zaman false: tonu basın görevlisi belirler"})
    evidence = listed(PressToneEvidence)


class PressClipping(Schema):
    id = fields.UUID()
    url = maybe(fields.String)
    title = fields.String()
    summary = fields.String()
    outlet = fields.String()
    source_id = maybe(fields.UUID)
    kind = fields.String(metadata={"enum": list(CLIPPING_KINDS)})
    page_or_programme = maybe(fields.String)
    published_at = maybe(fields.DateTime)
    captured_at = fields.DateTime()
    keywords = fields.List(fields.String())
    tone = maybe(fields.String, metadata={"enum": [*TONES, None]})
    tone_label = fields.String()
    tone_set_by = maybe(fields.String)
    tone_set_at = maybe(fields.DateTime)
    tone_suggestion = fields.Nested(PressToneSuggestion, allow_none=True)
    important = fields.Boolean()
    important_at = maybe(fields.DateTime)
    flagged_by = maybe(fields.String)
    flag_note = maybe(fields.String)
    directorates = fields.List(fields.String(), metadata={"description": "Haberdar edilen müdürlükler"})
    new_practice = fields.Boolean()
    topic = maybe(fields.String)
    scan_filename = maybe(fields.String)
    scan_content_type = maybe(fields.String)
    has_scan = fields.Boolean()
    created_by = maybe(fields.String)
    rank = fields.Float(metadata={"description": "Aramada uygunluk (büyük olan önce)"})


class PressClippingPage(Schema):
    total = fields.Integer()
    total_exact = fields.Boolean(metadata={"description": "false: en az bu kadar (sayım 10.000'de durur)"})
    clippings = listed(PressClipping)


class PressBoardItem(Schema):
    id = fields.UUID()
    title = fields.String()
    outlet = fields.String()
    url = maybe(fields.String)
    at = fields.DateTime()
    local_time = fields.String(metadata={"example": "09:15"})
    tone = maybe(fields.String, metadata={"enum": [*TONES, None]})
    tone_label = fields.String()


class PressBoard(Schema):
    items = listed(PressBoardItem)


class PressDigest(Schema):
    id = maybe(fields.UUID, metadata={"description": "Gönderilmemiş gün için null"})
    day = fields.Date()
    sent = fields.Boolean()
    subject = fields.String()
    text = fields.String()
    total = fields.Integer()
    pdf_url = fields.String()


class PressPhoto(Schema):
    id = fields.UUID()
    release_id = fields.UUID()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    caption = fields.String()
    added_by = maybe(fields.String)
    added_at = fields.DateTime()


class PressReleaseVersion(Schema):
    version = fields.Integer()
    title = fields.String()
    summary = fields.String()
    body = fields.String()
    url = maybe(fields.String)
    embargo_until = maybe(fields.DateTime)
    segment_id = maybe(fields.String)
    photos = fields.List(fields.Dict())
    replaced_at = fields.DateTime()
    replaced_by = maybe(fields.String)


class PressReleaseComment(Schema):
    version = fields.Integer()
    by = maybe(fields.String)
    text = fields.String()
    at = fields.DateTime()


class PressRecipient(Schema):
    """One who received a release; `removed` (and the rest null) once the person opted out (KVKK)."""

    contact_id = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    full_name = fields.String(allow_none=True)
    removed = fields.Boolean()


class PressReleaseSummary(Schema):
    id = fields.UUID()
    state = fields.String(metadata={"enum": list(RELEASE_STATES)})
    state_label = fields.String()
    version = fields.Integer()
    title = fields.String()
    summary = fields.String()
    url = maybe(fields.String)
    embargo_until = maybe(fields.DateTime)
    segment_id = maybe(fields.String)
    created_by = maybe(fields.String)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    submitted_at = maybe(fields.DateTime)
    approved_at = maybe(fields.DateTime)
    approved_by = maybe(fields.String)
    published_at = maybe(fields.DateTime)
    allowed_actions = fields.List(fields.String())
    photo_count = fields.Integer()
    recipient_count = fields.Integer()


class PressRelease(PressReleaseSummary):
    body = fields.String()
    photos = listed(PressPhoto)
    versions = listed(PressReleaseVersion)
    comments = listed(PressReleaseComment)
    recipients = listed(PressRecipient)


class PressReleasePage(Schema):
    total = fields.Integer()
    releases = listed(PressReleaseSummary)


class PressPhotoAdded(Schema):
    id = fields.UUID()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class PressIssueDistribution(Schema):
    distributed_at = fields.DateTime()
    distributed_by = fields.String()
    emailed = fields.Integer(metadata={"description": "E-postayla gönderilen adres sayısı"})
    without_email = fields.Integer(metadata={"description": "E-postası olmayan (basılı nüsha listesinde)"})


class PressIssue(Schema):
    id = fields.UUID()
    publication_id = fields.UUID()
    number = fields.Integer()
    issued_on = fields.Date()
    contents = fields.String()
    print_run = maybe(fields.Integer)
    pdf_filename = maybe(fields.String)
    has_pdf = fields.Boolean()
    distribution = fields.Nested(PressIssueDistribution, allow_none=True,
                                 metadata={"description": "Dağıtılmadıysa null; bir sayı bir kez dağıtılır"})


class PressIssueDistributed(Schema):
    issue_id = fields.UUID()
    publication_id = fields.UUID()
    number = fields.Integer()
    distributed_at = fields.DateTime()
    distributed_by = fields.String()
    segment_ids = fields.List(fields.String(), metadata={"description": "Gönderildiği bilgi bankası listeleri"})
    emailed = fields.Integer(metadata={"description": "E-postayla gönderilen adres sayısı"})
    without_email = fields.Integer(metadata={"description": "E-postası olmayan (basılı nüsha listesinde)"})


class PressPublication(Schema):
    id = fields.UUID()
    title = fields.String()
    kind = fields.String(metadata={"enum": list(PUBLICATION_KINDS)})
    frequency = maybe(fields.String)
    active = fields.Boolean()
    created_at = fields.DateTime()
    segment_ids = fields.List(fields.String())
    issues = listed(PressIssue)


class PressPublicationList(Schema):
    publications = listed(PressPublication)


class PressSubscription(Schema):
    id = fields.UUID()
    publication = fields.String()
    period = fields.String(metadata={"enum": list(PERIODS)})
    period_label = fields.String()
    cost = maybe(fields.String, metadata={"example": "4800.00"})
    started_on = fields.Date()
    paid_until = maybe(fields.Date)
    active = fields.Boolean()
    reminded_for = maybe(fields.Date)
    renews_on = maybe(fields.Date, metadata={"description": "İptal edilmişse null"})
    days_left = maybe(fields.Integer)
    notes = fields.String()
    created_at = fields.DateTime()


class PressSubscriptionList(Schema):
    subscriptions = listed(PressSubscription)


class PressProduction(Schema):
    id = fields.UUID()
    title = fields.String()
    kind = fields.String(metadata={"enum": list(PRODUCTION_KINDS)})
    outlet = fields.String()
    status = fields.String(metadata={"enum": list(PRODUCTION_STATUSES)})
    status_label = fields.String()
    partners = fields.List(fields.String())
    notes = fields.String()
    created_by = maybe(fields.String)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class PressProductionList(Schema):
    productions = listed(PressProduction)


# -- press conferences' materials ---------------------------------------------------------------------
class PressConferenceEvent(EventView):
    """The press conference as the information bank shows it (kind `basin_toplantisi`)."""


class PressConferenceMaterial(Schema):
    id = fields.UUID()
    event_id = fields.UUID()
    title = fields.String()
    filename = fields.String()
    content_type = fields.String(metadata={"enum": list(MATERIAL_TYPES)})
    size = fields.Integer(metadata={"description": "Bayt"})
    created_by = fields.String()
    created_at = fields.DateTime()


class PressConferenceMaterialList(Schema):
    materials = listed(PressConferenceMaterial)


class PressConferenceShare(Schema):
    id = fields.UUID()
    event_id = fields.UUID()
    audience = fields.String(metadata={"enum": list(AUDIENCES)})
    note = fields.String()
    material_ids = fields.List(fields.UUID())
    recipients = fields.Integer(metadata={"description": "E-posta gönderilen konuk sayısı"})
    without_email = fields.Integer(metadata={"description": "E-postası olmadığı için gönderilemeyen konuk sayısı"})
    shared_by = fields.String()
    shared_at = fields.DateTime()


class PressConferenceMaterials(Schema):
    event = fields.Nested(PressConferenceEvent)
    materials = listed(PressConferenceMaterial)
    shares = listed(PressConferenceShare)


class PressRequestCreated(Schema):
    id = fields.UUID()
    tracking_number = fields.String()
    status = fields.String()
