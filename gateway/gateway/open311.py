"""Open311 GeoReport v2 at the gateway: a request as a GeoReport client posts it becomes an
application of the public service desk (Halk Hizmet Masası); its status comes from routing.

Every resource answers in XML (the format GeoReport requires) and JSON, chosen by the path's extension
(`services.xml`, `services.json`); errors come in GeoReport's own shape, `<errors><error><code>` and
`<description>` (a JSON list of `{"code", "description"}`), with its status codes: 400 for a missing or
invalid argument, 403 for a missing or invalid `api_key`, 404 for an unknown service, request or
jurisdiction. Requests are answered at once with their `service_request_id` (the tracking number), so no
tokens are issued and there is no `tokens` resource.

Clients authenticate with `api_key`, as GeoReport prescribes: `<key id>.<secret>` of an API client
holding the scope `open311:submit` (checked against the stored hash, like every client key).
"""
import json
import time
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema
from werkzeug.wrappers import Response

from contracts.inbound import StrictSchema, one_line, web_address

from . import signing, storage
from .errors import RouteNotFound, SignatureRejected, ValidationFailed, problem_for
from .openapi_common import ONE_LINE_PATTERN, TEXT_PATTERN
from .schemas import dates_in_utc

SCOPE = "open311:submit"
PREFIX = "/open311"
TAG = "Open311"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# when what this endpoint offers last changed (discovery's `changeset`)
CHANGESET = "2026-12-07T00:00:00Z"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
FORMATS = tuple(CONTENT_TYPES)
# the element each list's items are written in, in XML
ITEMS = {"services": "service", "service_requests": "request", "errors": "error", "endpoints": "endpoint",
         "formats": "format", "attributes": "attribute", "values": "value"}
# GeoReport's status for what the gateway's one table says otherwise: a refused or missing api_key is a
# 403, and any invalid argument a 400
SPEC_STATUS = {401: 403, 415: 400, 422: 400}
# GET requests: without dates, the last 90 days; a range at most as long
MAX_RANGE = timedelta(days=90)


class GeoReportRequestSchema(StrictSchema):
    """GeoReport v2 `POST requests` parameters (form fields)."""

    jurisdiction_id = fields.String(validate=[validate.Length(max=200), one_line])
    api_key = fields.String(required=True, validate=[validate.Length(max=200), one_line])
    service_code = fields.String(required=True, validate=[validate.Length(min=1, max=60), one_line])
    description = fields.String(required=True, validate=validate.Length(min=1, max=4000))
    lat = fields.Float(validate=validate.Range(min=-90, max=90))
    long = fields.Float(validate=validate.Range(min=-180, max=180))
    address_string = fields.String(validate=[validate.Length(max=300), one_line])
    email = fields.String(validate=[validate.Length(max=254), one_line])
    first_name = fields.String(validate=[validate.Length(max=100), one_line])
    last_name = fields.String(validate=[validate.Length(max=100), one_line])
    phone = fields.String(validate=[validate.Length(max=30), one_line])
    device_id = fields.String(validate=[validate.Length(max=200), one_line])
    account_id = fields.String(validate=[validate.Length(max=200), one_line])
    media_url = fields.String(validate=[validate.Length(max=1000), one_line, web_address])

    @validates_schema
    def _a_location(self, data, **_):
        # GeoReport: a request says where, by lat and long together or by address_string
        if ("lat" in data) != ("long" in data):
            raise ValidationError({"long" if "lat" in data else "lat": ["lat ve long birlikte verilmeli."]})
        if "lat" not in data and not data.get("address_string"):
            raise ValidationError({"lat": ["Yer gerekli: lat ve long ya da address_string."]})


class JurisdictionSchema(StrictSchema):
    """What every GET takes: at most the jurisdiction."""

    jurisdiction_id = fields.String(validate=[validate.Length(max=200), one_line])


class GeoReportQuerySchema(StrictSchema):
    jurisdiction_id = fields.String(validate=[validate.Length(max=200), one_line])
    service_request_id = fields.String(validate=validate.Length(max=200))
    service_code = fields.String(validate=[validate.Length(max=600), one_line])  # comma delimited
    start_date = fields.AwareDateTime()
    end_date = fields.AwareDateTime()
    status = fields.String(validate=validate.Regexp(r"^(open|closed)(,(open|closed))*$",
                                                    error="open, closed ya da open,closed olmalı."))

    @validates_schema
    def _at_most_90_days(self, data, **_):
        # GeoReport: a range may not span more than 90 days
        if "start_date" in data and "end_date" in data and data["end_date"] - data["start_date"] > MAX_RANGE:
            raise ValidationError({"end_date": ["start_date ile end_date arası en fazla 90 gün olabilir."]})

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


class ServiceDefinitionSchema(Schema):
    """`services/{service_code}`: the service's extra questions (`attributes`); none are asked here."""

    service_code = fields.String()
    attributes = fields.List(fields.Dict())


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
    lat = fields.Float()
    long = fields.Float()
    media_url = fields.String()


class ServiceRequestCreatedSchema(Schema):
    service_request_id = fields.String()
    service_notice = fields.String()
    account_id = fields.String(allow_none=True)


class EndpointSchema(Schema):
    specification = fields.String()
    url = fields.String()
    changeset = fields.String()
    type = fields.String()
    formats = fields.List(fields.String())


class DiscoverySchema(Schema):
    changeset = fields.String()
    contact = fields.String()
    key_service = fields.String()
    endpoints = fields.List(fields.Nested(EndpointSchema))


class ErrorSchema(Schema):
    code = fields.Integer()
    description = fields.String()


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
    location = {"latitude": form.get("lat"), "longitude": form.get("long"), "description": form.get("address_string")}
    application["location"] = {key: value for key, value in location.items() if value is not None}
    if form.get("media_url"):
        application["media_url"] = form["media_url"]
    return application


# -- answers in XML and JSON ----------------------------------------------------------------------
def format_of(path):
    """`xml` or `json`, from the resource's extension."""
    return path.rsplit(".", 1)[-1]


def format_for(path):
    """The format a refusal on `path` is written in: on an Open311 path its extension's, XML (GeoReport's
    required format) when it has none of ours; None elsewhere."""
    if not (path == PREFIX or path.startswith(PREFIX + "/")):
        return None
    fmt = path.rsplit("/", 1)[-1].rpartition(".")[2]
    return fmt if fmt in FORMATS else "xml"


def answer(fmt, root, data, status=200):
    """`data` (a list of dicts, or one dict) as GeoReport writes it: JSON as is, XML under `root`, a list's
    items each in its element (`services` -> `service`), UTF-8 with the XML declaration."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    else:
        element = ElementTree.Element(root)
        _fill(element, root, data)
        # the declaration as GeoReport writes it (encoding="UTF-8"), then the document in UTF-8
        body = XML_DECLARATION + ElementTree.tostring(element, encoding="unicode").encode("utf-8")
    return Response(body, status=status, content_type=CONTENT_TYPES[fmt])


def _fill(element, name, value):
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ElementTree.SubElement(element, key), key, item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _fill(ElementTree.SubElement(element, ITEMS[name]), ITEMS[name], item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def error_answer(fmt, exc, correlation_id=None):
    """Any refusal in GeoReport's error format, its status from the gateway's one table with GeoReport's
    codes where they differ (a bad api_key 403, an invalid argument 400); one error per invalid field."""
    status, problem = problem_for(exc, correlation_id)
    status = SPEC_STATUS.get(status, status)
    described = problem.get("detail") or problem["title"]
    errors = [{"code": status, "description": f"{field}: {_text(messages)}"}
              for field, messages in (problem.get("errors") or {}).items()] or \
        [{"code": status, "description": described}]
    response = answer(fmt, "errors", errors, status)
    if status == 429:
        response.headers["Retry-After"] = str(max(1, getattr(exc, "retry_after", 1)))
    elif status == 503:
        response.headers["Retry-After"] = "5"
    return response


def _text(messages):
    if isinstance(messages, dict):
        return "; ".join(f"{key}: {_text(value)}" for key, value in messages.items())
    if isinstance(messages, (list, tuple)):
        return " ".join(_text(message) for message in messages)
    return str(messages)


# -- resources ------------------------------------------------------------------------------------
def check_jurisdiction(given, profile):
    """A `jurisdiction_id` other than the one this endpoint serves is not found here (GeoReport's 404)."""
    if given is not None and given != profile.get("jurisdiction_id"):
        raise RouteNotFound(f"jurisdiction_id bulunamadı; bu uç nokta {profile.get('jurisdiction_id')} "
                                   "için hizmet verir.")


def discovery(endpoint_url, profile):
    """The service discovery document: where GeoReport v2 is served and in which formats."""
    return {"changeset": CHANGESET, "contact": profile.get("contact", ""),
            "key_service": profile.get("key_service", ""),
            "endpoints": [{"specification": SPECIFICATION, "url": endpoint_url, "changeset": CHANGESET,
                           "type": "production", "formats": ["text/xml", "application/json"]}]}


def service_definition(service_code):
    """A service's definition: our services ask nothing beyond GeoReport's own fields (`metadata` false)."""
    return {"service_code": service_code, "attributes": []}


def service_request_ids(value):
    """`service_request_id`, comma delimited: at most 50 ids."""
    return [item.strip() for item in value.split(",") if item.strip()][:50]


def listed(value):
    """A comma-delimited filter (`service_code`, `status`) as a list."""
    return [item.strip() for item in value.split(",") if item.strip()]


def request_filters(query, now=None):
    """GET requests' filters for routing: service codes and status as lists, the range by default the last
    90 days (GeoReport), dates as ISO 8601 text."""
    filters = {}
    if query.get("service_code"):
        filters["service_code"] = listed(query["service_code"])
    statuses = set(listed(query.get("status", "")))
    if len(statuses) == 1:
        filters["status"] = statuses.pop()
    end = query.get("end_date")
    start = query.get("start_date")
    if start is None:
        latest = end or now or datetime.now(timezone.utc)
        # an end in the first 90 days of year 1 has no 90 days before it: from the beginning, then
        start = latest - MAX_RANGE if latest - datetime.min.replace(tzinfo=timezone.utc) > MAX_RANGE \
            else datetime.min.replace(tzinfo=timezone.utc)
    filters["start_date"] = start.isoformat()
    if end is not None:
        filters["end_date"] = end.isoformat()
    return filters


# -- the OpenAPI document's Open311 part ----------------------------------------------------------
ERROR_TEXTS = {
    "400": "Eksik ya da geçersiz bir değer (GeoReport hata biçiminde)",
    "403": "api_key yok, geçersiz ya da Open311 yetkisi yok",
    "404": "Hizmet, talep ya da jurisdiction_id bulunamadı",
    "429": "Çok fazla istek (Retry-After başlığına bakın)",
    "503": "Hizmet geçici olarak yanıt veremiyor (Retry-After)",
}
MEDIA_TYPES = {"json": "application/json", "xml": "text/xml"}


def _content(fmt, ref, root, item=None):
    """A response body: in JSON the schema (a list of `ref` when `item` is named), in XML the same under
    `root`, each item in `item`."""
    schema = {"$ref": f"#/components/schemas/{ref}"}
    if item is not None:
        schema = {"type": "array", "items": {**({"allOf": [schema]} if fmt == "xml" else schema),
                                             **({"xml": {"name": item}} if fmt == "xml" else {})}}
    if fmt == "xml":
        schema = {**schema, "xml": {"name": root, **({"wrapped": True} if item else {})}}
    return {MEDIA_TYPES[fmt]: {"schema": schema}}


def _operation(fmt, summary, operation_id, ok, errors, parameters=(), body=False):
    status, description, ref, root, item = ok
    responses = {status: {"description": description, "content": _content(fmt, ref, root, item)}}
    responses.update({code: {"description": ERROR_TEXTS[code], "content": _content(fmt, "Open311Error", "errors",
                                                                                   "error")}
                      for code in errors})
    operation = {"summary": f"Open311 GeoReport v2 ({fmt.upper()}): {summary}",
                 "operationId": operation_id + fmt.capitalize(), "security": [], "responses": responses,
                 "tags": [TAG]}
    jurisdiction = {"name": "jurisdiction_id", "in": "query", "required": False,
                    "schema": {"type": "string", "maxLength": 200, "pattern": ONE_LINE_PATTERN}}
    operation["parameters"] = [*parameters] if body else [jurisdiction, *parameters]
    if body:
        operation["requestBody"] = {"required": True, "content": {
            "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Open311GeoReportRequest"}},
            "application/json": {"schema": {"$ref": "#/components/schemas/Open311GeoReportRequest"}}}}
    return operation


def add_paths(spec):
    """Every Open311 resource, in XML and JSON, with GeoReport's errors."""
    spec.tag({"name": TAG, "description": "GeoReport v2: şehir uygulamalarının Halk Hizmet Masası talepleri"})
    for name in ("Service", "ServiceDefinition", "ServiceRequest", "ServiceRequestCreated", "GeoReportRequest",
                 "Discovery", "Error"):
        spec.components.schema(f"Open311{name}", schema=globals()[f"{name}Schema"])
    query = lambda name, schema: {"name": name, "in": "query", "required": False, "schema": schema}  # noqa: E731
    path = lambda name, length: {"name": name, "in": "path", "required": True,  # noqa: E731
                                 "schema": {"type": "string", "maxLength": length}}
    for fmt in FORMATS:
        spec.path(path=f"/open311/discovery.{fmt}", operations={"get": _operation(
            fmt, "keşif belgesi (uç nokta, biçimler, iletişim)", "open311Discovery",
            ("200", "Keşif belgesi", "Open311Discovery", "discovery", None), ("400", "404", "429", "503"))})
        spec.path(path=f"/open311/v2/services.{fmt}", operations={"get": _operation(
            fmt, "hizmetler (Halk Hizmet Masası kategorileri)", "open311Services",
            ("200", "Hizmetler", "Open311Service", "services", "service"), ("400", "404", "429", "503"))})
        spec.path(path=f"/open311/v2/services/{{service_code}}.{fmt}", operations={"get": _operation(
            fmt, "bir hizmetin tanımı (ek soru yok)", "open311ServiceDefinition",
            ("200", "Hizmet tanımı", "Open311ServiceDefinition", "service_definition", None),
            ("400", "404", "429", "503"), parameters=[path("service_code", 60)])})
        spec.path(path=f"/open311/v2/requests.{fmt}", operations={
            "post": _operation(fmt, "talep gönder (api_key = anahtar kimliği.gizli anahtar)", "open311PostRequest",
                               ("201", "Alındı", "Open311ServiceRequestCreated", "service_requests", "request"),
                               ("400", "403", "404", "429", "503"), body=True),
            "get": _operation(fmt, "talepler (kişisel veri içermez; tarih verilmezse son 90 gün)", "open311Requests",
                              ("200", "Talepler", "Open311ServiceRequest", "service_requests", "request"),
                              ("400", "404", "429", "503"), parameters=[
                                  # a dozen tracking numbers: a longer query would pass the server's 8 KB line
                                  query("service_request_id", {"type": "string", "maxLength": 200,
                                                               "pattern": TEXT_PATTERN}),
                                  query("service_code", {"type": "string", "maxLength": 600,
                                                         "pattern": ONE_LINE_PATTERN}),
                                  query("start_date", {"type": "string", "format": "date-time"}),
                                  query("end_date", {"type": "string", "format": "date-time"}),
                                  query("status", {"type": "string", "enum": ["open", "closed", "open,closed"]})])})
        spec.path(path=f"/open311/v2/requests/{{request_id}}.{fmt}", operations={"get": _operation(
            fmt, "bir talep (takip numarası)", "open311Request",
            ("200", "Talep", "Open311ServiceRequest", "service_requests", "request"), ("400", "404", "429", "503"),
            parameters=[path("request_id", 40)])})
