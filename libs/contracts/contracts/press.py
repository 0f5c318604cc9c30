"""Events published by `services/press` on the `press.events` exchange.

What the press office has done that someone outside it must act on: a release that went out (to be
mailed to the media contacts it names), an important clipping (the directorates concerned are told,
it goes on the press board), the morning digest for the mayor's office, a subscription to renew, an
issue of the municipality's own publication sent to its distribution list, a press conference's
materials shared with the journalists who came.
Files never travel in an event: they are named by id, and fetched with press's `attachment` RPC.
"""
from marshmallow import EXCLUDE, Schema, fields

SOURCE = "press"
EXCHANGE = "press.events"

RELEASE_PUBLISHED = "release_published"
CLIPPING_FLAGGED = "clipping_flagged"
DIGEST_READY = "digest_ready"
SUBSCRIPTION_RENEWAL_DUE = "subscription_renewal_due"
ISSUE_DISTRIBUTED = "issue_distributed"
CONFERENCE_MATERIALS_SHARED = "conference_materials_shared"
EVENT_TYPES = (RELEASE_PUBLISHED, CLIPPING_FLAGGED, DIGEST_READY, SUBSCRIPTION_RENEWAL_DUE, ISSUE_DISTRIBUTED,
               CONFERENCE_MATERIALS_SHARED)

TONES = ("lehte", "aleyhte", "tarafsiz")


class _Payload(Schema):
    class Meta:
        unknown = EXCLUDE


class FileRefSchema(_Payload):
    """A file kept by press: `attachment(kind, id)` returns its content."""

    id = fields.UUID(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(required=True)


class SizedFileRefSchema(FileRefSchema):
    """A file with its size in bytes, so the sender can choose between attaching it and linking to it."""

    size = fields.Integer(required=True)


class RecipientSchema(_Payload):
    """A contact from the information bank (a segment's member or an event's guest), resolved when press
    sent the thing; only those with an e-mail address."""

    contact_id = fields.String(required=True)
    full_name = fields.String(required=True)
    email = fields.String(required=True)


class ReleasePublishedSchema(_Payload):
    """A press release (basın bülteni) was published: its embargo had passed and the mayor's office had
    approved it. `recipients` are the media contacts to send it to, with its photos attached
    (`attachment("release_photo", photo.id)`)."""

    release_id = fields.UUID(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    body = fields.String(required=True)
    url = fields.String(allow_none=True)
    published_at = fields.AwareDateTime(required=True)
    photos = fields.List(fields.Nested(FileRefSchema), required=True)
    recipients = fields.List(fields.Nested(RecipientSchema), required=True)


class ClippingFlaggedSchema(_Payload):
    """A clipping was flagged important: the directorates named are to be told (only those not told
    before), and it is on the press board. `tone` is the one a person set, or null."""

    clipping_id = fields.UUID(required=True)
    title = fields.String(required=True)
    outlet = fields.String(required=True)
    url = fields.String(allow_none=True)
    published_at = fields.AwareDateTime(allow_none=True)
    tone = fields.String(allow_none=True)
    directorates = fields.List(fields.String(), required=True)
    note = fields.String(required=True)
    flagged_by = fields.String(required=True)


class DigestReadySchema(_Payload):
    """The morning digest (basın özeti) of `day` is ready for the mayor's office: `text` is the e-mail
    body, `pdf` the attachment (`attachment("digest_pdf", pdf.id)`)."""

    digest_id = fields.UUID(required=True)
    day = fields.Date(required=True)
    subject = fields.String(required=True)
    text = fields.String(required=True)
    pdf = fields.Nested(FileRefSchema, required=True)


class SubscriptionRenewalDueSchema(_Payload):
    """A subscription to a publication must be renewed by `renews_on` (negative `days_left`: overdue)."""

    subscription_id = fields.UUID(required=True)
    publication = fields.String(required=True)
    renews_on = fields.Date(required=True)
    days_left = fields.Integer(required=True)


class IssueDistributedSchema(_Payload):
    """An issue of one of the municipality's own publications (magazine, newspaper, bulletin) was sent
    to its distribution list. Each recipient is e-mailed the issue: its PDF attached
    (`attachment("issue_pdf", pdf.id)`) when small enough to mail, and always the public `pdf_url`.
    Those of the list with no e-mail address are not here: they get the printed copy by post."""

    issue_id = fields.UUID(required=True)
    publication_id = fields.UUID(required=True)
    publication_title = fields.String(required=True)
    publication_kind = fields.String(required=True)
    number = fields.Integer(required=True)
    issued_on = fields.Date(required=True)
    contents = fields.String(required=True)
    pdf = fields.Nested(SizedFileRefSchema, required=True)
    pdf_url = fields.String(required=True)
    recipients = fields.List(fields.Nested(RecipientSchema), required=True)


class ConferenceMaterialsSharedSchema(_Payload):
    """The materials of a press conference (basın toplantısı: an event in contacts) were shared with its
    guests: each recipient is e-mailed every file (`attachment("conference_material", material.id)`).
    `audience` says which guests: those who came (`attended`), who accepted (`accepted`), or every guest
    who did not decline (`invited`)."""

    share_id = fields.UUID(required=True)
    event_id = fields.UUID(required=True)
    title = fields.String(required=True)
    starts_at = fields.AwareDateTime(required=True)
    place = fields.String(allow_none=True, load_default=None)
    audience = fields.String(required=True)
    note = fields.String(required=True)
    materials = fields.List(fields.Nested(SizedFileRefSchema), required=True)
    recipients = fields.List(fields.Nested(RecipientSchema), required=True)


PAYLOAD_SCHEMAS = {
    RELEASE_PUBLISHED: ReleasePublishedSchema,
    CLIPPING_FLAGGED: ClippingFlaggedSchema,
    DIGEST_READY: DigestReadySchema,
    SUBSCRIPTION_RENEWAL_DUE: SubscriptionRenewalDueSchema,
    ISSUE_DISTRIBUTED: IssueDistributedSchema,
    CONFERENCE_MATERIALS_SHARED: ConferenceMaterialsSharedSchema,
}
