"""Open311 GeoReport v2 at the gateway: a request as a GeoReport client posts it becomes an
application of the public service desk (Halk Hizmet Masası); its status comes from routing.

Clients authenticate with `api_key`, as GeoReport prescribes: `<key id>.<secret>` of an API client
holding the scope `open311:submit` (checked against the stored hash, like every client key).
"""
import time

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from contracts.inbound import StrictSchema, one_line

from . import signing, storage
from .errors import SignatureRejected, ValidationFailed
from .schemas import dates_in_utc

SCOPE = "open311:submit"


class GeoReportRequestSchema(StrictSchema):
    """GeoReport v2 `POST requests` parameters (form fields)."""

    api_key = fields.String(required=True, validate=[validate.Length(max=200), one_line])
    service_code = fields.String(required=True, validate=[validate.Length(min=1, max=60), one_line])
    description = fields.String(required=True, validate=validate.Length(min=1, max=4000))
    lat = fields.Float(validate=validate.Range(min=-90, max=90))
    long = fields.Float(validate=validate.Range(min=-180, max=180))
    address_string = fields.String(validate=[validate.Length(max=500), one_line])
    email = fields.String(validate=[validate.Length(max=254), one_line])
    first_name = fields.String(validate=[validate.Length(max=100), one_line])
    last_name = fields.String(validate=[validate.Length(max=100), one_line])
    phone = fields.String(validate=[validate.Length(max=30), one_line])
    device_id = fields.String(validate=[validate.Length(max=200), one_line])
    account_id = fields.String(validate=[validate.Length(max=200), one_line])
    media_url = fields.String(validate=[validate.Length(max=1000), one_line])


class GeoReportQuerySchema(StrictSchema):
    service_request_id = fields.String(validate=validate.Length(max=200))
    service_code = fields.String(validate=validate.Length(max=60))
    start_date = fields.AwareDateTime()
    end_date = fields.AwareDateTime()
    status = fields.String(validate=validate.OneOf(["open", "closed"]))

    @post_load
    def _in_utc(self, data, **_):
        return dates_in_utc(data, ("start_date", "end_date"))


class ServiceSchema(Schema):
    service_code = fields.String()
    service_name = fields.String()
    description = fields.String()
    metadata = fields.Boolean()
    type = fields.String()
    keywords = fields.String()
    group = fields.String()


class ServiceRequestSchema(Schema):
    service_request_id = fields.String()
    status = fields.String()
    status_notes = fields.String()
    service_name = fields.String()
    service_code = fields.String()
    agency_responsible = fields.String()
    requested_datetime = fields.String()
    updated_datetime = fields.String()
    expected_datetime = fields.String(allow_none=True)
    address = fields.String(allow_none=True)


class ServiceRequestCreatedSchema(Schema):
    service_request_id = fields.String()
    service_notice = fields.String()
    account_id = fields.String(allow_none=True)


def parse(schema_cls, data):
    try:
        return schema_cls(unknown=RAISE).load(data)
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None


def client_for_api_key(store, master_key, api_key):
    """The client id behind a GeoReport `api_key`, if it holds the Open311 scope."""
    key_id, _, secret = (api_key or "").partition(".")
    with store.transaction() as tx:
        client_id = storage.client_of_key(tx.cursor, key_id)
        row = storage.client_key(tx.cursor, client_id, key_id) if client_id else None
    retired = row is not None and row["not_after"] is not None and float(row["not_after"]) <= time.time()
    if row is None or not row["active"] or retired or not secret \
            or signing.hash_secret(secret) != row["secret_hash"] or SCOPE not in row["scopes"]:
        raise SignatureRejected("api_key geçersiz ya da Open311 yetkisi yok.")
    return client_id


def as_application(form, service_name):
    """The GeoReport request as an application of the public service desk."""
    applicant = {"full_name": " ".join(filter(None, (form.get("first_name"), form.get("last_name")))) or None,
                 "email": form.get("email"), "phone": form.get("phone"),
                 "preferred_reply_channel": "email" if form.get("email") else None}
    application = {
        "channel": "halk_masasi", "type": "istek", "category": form["service_code"], "subject": service_name,
        "body": form["description"], "applicant": {k: v for k, v in applicant.items() if v},
    }
    if "lat" in form and "long" in form:
        application["location"] = {"latitude": form["lat"], "longitude": form["long"],
                                   **({"description": form["address_string"]} if form.get("address_string") else {})}
    return application
