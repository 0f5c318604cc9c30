"""Open311 GeoReport v2 over the public service desk."""
from .. import open311, roles, security
from ..errors import RouteNotFound, ValidationFailed
from ..http import http, json_response, read_json
from .common import query_args


class Open311Routes:
    @http("GET", "/open311/v2/services.json")
    def open311_services(self, request):
        """The public service desk's categories as GeoReport services."""
        self.guard.throttle(request)
        return json_response(self._call("open311_services", service="routing"))

    @http("POST", "/open311/v2/requests.json")
    def open311_post_request(self, request):
        """A GeoReport request (form fields, `api_key` of a client with `open311:submit`) becomes an
        application of the public service desk; its tracking number is the `service_request_id`."""
        self.guard.throttle(request)
        data = request.form.to_dict() if request.mimetype != "application/json" else read_json(request, 64 * 1024)
        form = open311.parse(open311.GeoReportRequestSchema, data)
        client_id = open311.client_for_api_key(self.db, self.guard.master_key, form["api_key"])
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
        return json_response([{"service_request_id": application["tracking_number"], "service_notice": notice,
                               "account_id": None}], status=201)

    @http("GET", "/open311/v2/requests.json")
    def open311_requests(self, request):
        """Public service desk requests (no personal data), by service_code, status, start/end date."""
        self.guard.throttle(request)
        query = query_args(open311.GeoReportQuerySchema, request)
        if query.get("service_request_id"):
            found = [self._call("open311_request", rid.strip(), service="routing")
                     for rid in query["service_request_id"].split(",")[:50]]
            return json_response([item for item in found if item])
        for key in ("start_date", "end_date"):
            if key in query:
                query[key] = query[key].isoformat()
        return json_response(self._call("open311_requests", query, service="routing"))

    @http("GET", "/open311/v2/requests/<string:request_id>.json")
    def open311_request(self, request, request_id):
        self.guard.throttle(request)
        found = self._call("open311_request", request_id, service="routing")
        if found is None:
            raise RouteNotFound()
        return json_response([found])
