"""Events published by `services/press` on the `press.events` exchange.

What the press office has done that someone outside it must act on: a release that went out (to be
mailed to the media contacts it names), an important clipping (the directorates concerned are told,
it goes on the press board), the morning digest for the mayor's office, a subscription to renew.
Files never travel in an event: they are named by id, and fetched with press's `attachment` RPC.
"""
from marshmallow import EXCLUDE, Schema, fields

SOURCE = "press"
EXCHANGE = "press.events"

RELEASE_PUBLISHED = "release_published"
CLIPPING_FLAGGED = "clipping_flagged"
DIGEST_READY = "digest_ready"
SUBSCRIPTION_RENEWAL_DUE = "subscription_renewal_due"
EVENT_TYPES = (RELEASE_PUBLISHED, CLIPPING_FLAGGED, DIGEST_READY, SUBSCRIPTION_RENEWAL_DUE)

TONES = ("lehte", "aleyhte", "tarafsiz")


class _Payload(Schema):
    class Meta:
        unknown = EXCLUDE


class FileRefSchema(_Payload):
    """A file kept by press: `attachment(kind, id)` returns its content."""

    id = fields.UUID(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(required=True)


class RecipientSchema(_Payload):
    """A media contact from the information bank (contacts' segment), resolved when the release went out."""

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


PAYLOAD_SCHEMAS = {
    RELEASE_PUBLISHED: ReleasePublishedSchema,
    CLIPPING_FLAGGED: ClippingFlaggedSchema,
    DIGEST_READY: DigestReadySchema,
    SUBSCRIPTION_RENEWAL_DUE: SubscriptionRenewalDueSchema,
}
