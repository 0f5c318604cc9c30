"""Events published by `services/intake` on the `intake.events` exchange."""
from marshmallow import EXCLUDE, Schema, fields, validate

SOURCE = "intake"
EXCHANGE = "intake.events"

APPLICATION_RECEIVED = "application_received"
APPLICATION_NOT_PROCESSED = "application_not_processed"
APPLICANTS_ANONYMISED = "applicants_anonymised"
EVENT_TYPES = (APPLICATION_RECEIVED, APPLICATION_NOT_PROCESSED, APPLICANTS_ANONYMISED)


SUBMITTED_BY = ("Who submitted the application: the gateway's API client id (only its webhooks hear of the "
                "application), `open311:<client id>`, `inbound:<source system>`, or a staff account's id.")


class _Payload(Schema):
    class Meta:
        unknown = EXCLUDE


class ApplicantContactSchema(_Payload):
    """How to reach the applicant. Notifications need it; the TC Kimlik No never travels."""

    full_name = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    postal_address = fields.String(allow_none=True)
    preferred_reply_channel = fields.String(allow_none=True)
    hide_identity = fields.Boolean(required=True)


class PlaceSchema(_Payload):
    """Where the application is about, as submitted: coordinates and/or a description of the place."""

    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    description = fields.String(allow_none=True)


class ApplicationReceivedSchema(_Payload):
    """An application passed the formal checks and has a tracking number."""

    application_id = fields.UUID(required=True)
    tracking_number = fields.String(required=True)
    channel = fields.String(required=True)
    type = fields.String(required=True)
    category = fields.String(required=True)
    subject = fields.String(required=True)
    neighbourhood = fields.String(allow_none=True)
    received_at = fields.AwareDateTime(required=True)
    source_system = fields.String(allow_none=True)
    source_reference = fields.String(allow_none=True)
    attachment_count = fields.Integer(required=True)
    possible_duplicate_of = fields.List(fields.String(), load_default=list)
    applicant = fields.Nested(ApplicantContactSchema, required=True)
    # the applicant's secret for following the application: notifications put it in the receipt, and it
    # never leaves the platform otherwise (not in a webhook)
    lookup_code = fields.String(allow_none=True)
    submitted_by = fields.String(allow_none=True, metadata={"description": SUBMITTED_BY})
    # where, and a link to a picture of it, when the channel gave them (Open311 clients do)
    location = fields.Nested(PlaceSchema, allow_none=True)
    media_url = fields.String(allow_none=True)


class DefectSchema(_Payload):
    code = fields.String(required=True)
    message = fields.String(required=True)
    article = fields.String(required=True)


class ApplicationNotProcessedSchema(_Payload):
    """An application failed a formal check (işleme konulmaz); the applicant is to be told why."""

    application_id = fields.UUID(required=True)
    tracking_number = fields.String(required=True)
    channel = fields.String(required=True)
    type = fields.String(required=True)
    subject = fields.String(required=True)
    received_at = fields.AwareDateTime(required=True)
    reasons = fields.List(fields.Nested(DefectSchema), required=True, validate=validate.Length(min=1))
    applicant = fields.Nested(ApplicantContactSchema, required=True)
    submitted_by = fields.String(allow_none=True, metadata={"description": SUBMITTED_BY})


class ApplicantsAnonymisedSchema(_Payload):
    """The retention period of these applications ended and intake's periodic destruction run
    (KVKK) anonymised their applicants' personal data: every service that keeps a copy of it (notify's
    contact read model, the addresses and texts of its messages; routing's case subjects) destroys its copy. At most
    `MAX_ANONYMISED_PER_EVENT` ids per event; `run_id` names the run in intake's destruction log."""

    run_id = fields.UUID(required=True)
    rule = fields.String(required=True)
    application_ids = fields.List(fields.UUID(), required=True,
                                  validate=validate.Length(min=1, max=500))


MAX_ANONYMISED_PER_EVENT = 500

PAYLOAD_SCHEMAS = {
    APPLICATION_RECEIVED: ApplicationReceivedSchema,
    APPLICATION_NOT_PROCESSED: ApplicationNotProcessedSchema,
    APPLICANTS_ANONYMISED: ApplicantsAnonymisedSchema,
}
