"""Applications: submit, read (masked for directorates), the receipt, the status lookup."""
import base64

from werkzeug.wrappers import Response

from .. import roles, schemas
from ..errors import Forbidden
from ..http import http, json_response, read_json
from .common import idempotency_key, load


class ApplicationRoutes:
    @http("POST", "/api/v1/applications")
    def submit_application(self, request):
        """Take in an application. Body: `contracts.inbound.ApplicationSubmissionSchema`.

        201 with `{id, tracking_number, status, lookup_code, ...}` when stored; 200 with the original
        when the same source reference or `Idempotency-Key` was seen before.
        """
        principal = self.guard.require(self.db, request, "application.submit")
        body = read_json(request)
        result = self._call("submit_application", body, principal.id, idempotency_key(request))
        application = result["application"]
        self.guard.audit(self.db, request, principal, "application.submit", "application", application["id"],
                         personal_data=True)
        return json_response(application, status=201 if result["created"] else 200,
                             headers={"Location": f"/api/v1/applications/{application['id']}"})

    @http("GET", "/api/v1/applications/<uuid:application_id>")
    def get_application(self, request, application_id):
        """The application; directorates see an applicant who asked to stay hidden masked."""
        principal = self.guard.require(self.db, request, "application.read")
        masked = principal.role in roles.DIRECTORATE_ROLES
        application = self._call("get_application", str(application_id), masked, self._duplicates_viewer(principal))
        self._may_see(request, principal, application)
        self.guard.audit(self.db, request, principal, "application.read", "application", application_id,
                         personal_data=not (masked and application["applicant"].get("hide_identity")))
        return json_response(application)

    @http("GET", "/api/v1/applications/<uuid:application_id>/receipt.pdf")
    def get_receipt(self, request, application_id):
        """The receipt (alındı belgesi) as a PDF."""
        principal = self.guard.require(self.db, request, "application.read")
        self._may_see(request, principal, self._call("get_application", str(application_id), True))
        pdf = base64.b64decode(self._call("get_receipt", str(application_id)))
        self.guard.audit(self.db, request, principal, "application.receipt", "application", application_id)
        return Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="alindi-belgesi-{application_id}.pdf"'})

    @staticmethod
    def _duplicates_viewer(principal):
        """Whose applications the duplicate hints may name: every one for staff who see every application
        (None), else only the caller's own (an API client never learns another's tracking numbers)."""
        if principal.kind == "staff" and principal.role in roles.SEE_EVERY_APPLICATION:
            return None
        return principal.id

    def _may_see(self, request, principal, application):
        """Object-level rule: staff who see every application do; a system sees what it submitted;
        a directorate sees the cases routed to it (routing, a later issue: until then, none)."""
        if principal.kind == "staff" and principal.role in roles.SEE_EVERY_APPLICATION:
            return
        if principal.kind == "client" and application.get("submitted_by") == principal.id:
            return
        self.guard.audit(self.db, request, principal, "application.read", "application", application["id"],
                         outcome="denied")
        raise Forbidden()

    @http("POST", "/api/v1/applications/status-lookup")
    def lookup_status(self, request):
        """The applicant's own view: tracking number and secret code in, status out. No sign-in."""
        self.guard.throttle(request)
        query = load(schemas.StatusLookupSchema, request, max_bytes=4096)
        return json_response(self._call("lookup_status", query["tracking_number"], query["code"]))
