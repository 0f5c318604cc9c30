"""Open311 GeoReport v2 over the public service desk: every resource in XML and JSON, by extension.

Hand-written rather than declared like the API's other operations: GeoReport fixes its own paths, formats,
form-encoded posts, `api_key` field and error shape, none of which the `/api/v1` conventions follow.
"""
import functools
import logging

from .. import open311, roles, security
from ..errors import PROBLEMS, RouteNotFound, ValidationFailed
from ..http import http, read_json
from .common import query_args

log = logging.getLogger(__name__)


def georeport(handler):
    """Answer in the format the path asks for, errors included, in GeoReport's error shape."""
    @functools.wraps(handler)
    def answering(self, request, *args, **kwargs):
        fmt = open311.format_of(request.path)
        try:
            return handler(self, request, fmt, *args, **kwargs)
        except Exception as exc:  # every refusal in GeoReport's shape; the one table gives its status
            if type(exc) not in PROBLEMS:
                log.error("unhandled %s in %s", type(exc).__name__, request.path.rsplit("/", 1)[0])
            return open311.error_answer(fmt, exc, getattr(request, "correlation_id", None))
    return answering


def both(method, path):
    """The route in XML (GeoReport's required format) and in JSON: `path` ends in `.<format>`."""
    def register(handler):
        for fmt in open311.FORMATS:
            handler = http(method, path.replace("<format>", fmt))(handler)
        return handler
    return register


class Open311Routes:
    def _open311_jurisdiction(self, given):
        if given is not None:
            open311.check_jurisdiction(given, self._call("open311_profile", service="routing"))

    def _open311_query(self, request, schema=open311.JurisdictionSchema):
        query = query_args(schema, request)
        self._open311_jurisdiction(query.get("jurisdiction_id"))
        return query

    @both("GET", "/open311/discovery.<format>")
    @georeport
    def open311_discovery(self, request, fmt):
        """The service discovery document: the GeoReport v2 endpoint, its formats and whom to ask for a key."""
        self.guard.throttle(request)
        self._open311_query(request)
        endpoint = request.host_url.rstrip("/") + "/open311/v2"
        return open311.answer(fmt, "discovery",
                              open311.discovery(endpoint, self._call("open311_profile", service="routing")))

    @both("GET", "/open311/v2/services.<format>")
    @georeport
    def open311_services(self, request, fmt):
        """The public service desk's categories as GeoReport services."""
        self.guard.throttle(request)
        self._open311_query(request)
        return open311.answer(fmt, "services", self._call("open311_services", service="routing"))

    @both("GET", "/open311/v2/services/<string:service_code>.<format>")
    @georeport
    def open311_service_definition(self, request, fmt, service_code):
        """A service's definition (GeoReport asks nothing more of ours: no attributes)."""
        self.guard.throttle(request)
        self._open311_query(request)
        codes = {service["service_code"] for service in self._call("open311_services", service="routing")}
        if service_code not in codes:
            raise RouteNotFound("service_code bulunamadı.")
        return open311.answer(fmt, "service_definition", open311.service_definition(service_code))

    @both("POST", "/open311/v2/requests.<format>")
    @georeport
    def open311_post_request(self, request, fmt):
        """A GeoReport request (form fields, `api_key` of a client with `open311:submit`) becomes an
        application of the public service desk; its tracking number is the `service_request_id`."""
        self.guard.throttle(request)
        data = request.form.to_dict() if request.mimetype != "application/json" else read_json(request, 64 * 1024)
        api_key = data.get("api_key")
        # GeoReport: a missing or invalid api_key is refused before anything else is looked at (403)
        client_id = open311.client_for_api_key(self.db, self.guard.master_key,
                                               api_key if isinstance(api_key, str) else None)
        form = open311.parse(open311.GeoReportRequestSchema, data)
        self._open311_jurisdiction(form.get("jurisdiction_id"))
        services = {s["service_code"]: s["service_name"]
                    for s in self._call("open311_services", service="routing")}
        if form["service_code"] not in services:
            raise ValidationFailed(errors={"service_code": ["Bilinmeyen hizmet kodu."]})
        result = self._call("submit_application", open311.as_application(form, services[form["service_code"]]),
                            f"open311:{client_id}", None)
        application = result["application"]
        principal = security.Principal("client", client_id, roles.SYSTEM_ROLE, name=client_id)
        self.guard.audit(self.db, request, principal, "open311.submit", "application", application["id"],
                         personal_data=True)
        notice = (f"Başvurunuz alındı. Takip numarası {application['tracking_number']}, gizli kod "
                  f"{application['lookup_code']}.")
        return open311.answer(fmt, "service_requests", [{
            "service_request_id": application["tracking_number"], "service_notice": notice, "account_id": None}],
            status=201)

    @both("GET", "/open311/v2/requests.<format>")
    @georeport
    def open311_requests(self, request, fmt):
        """Public service desk requests (no personal data), by service_request_id, or by service_code,
        status and start/end date (the last 90 days when no date is given)."""
        self.guard.throttle(request)
        query = self._open311_query(request, open311.GeoReportQuerySchema)
        if query.get("service_request_id"):
            found = [self._call("open311_request", rid, service="routing")
                     for rid in open311.service_request_ids(query["service_request_id"])]
            return open311.answer(fmt, "service_requests", [item for item in found if item])
        return open311.answer(fmt, "service_requests",
                              self._call("open311_requests", open311.request_filters(query), service="routing"))

    @both("GET", "/open311/v2/requests/<string:request_id>.<format>")
    @georeport
    def open311_request(self, request, fmt, request_id):
        """One public service desk request by its tracking number."""
        self.guard.throttle(request)
        self._open311_query(request)
        found = self._call("open311_request", request_id, service="routing")
        if found is None:
            raise RouteNotFound("service_request_id bulunamadı.")
        return open311.answer(fmt, "service_requests", [found])
