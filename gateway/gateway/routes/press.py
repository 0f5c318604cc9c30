"""The press service: journalists' requests (as cases of the `basin` channel)."""
from .. import press_schemas
from ..http import http, json_response
from .common import idempotency_key, load


class PressRoutes:
    @http("POST", "/api/v1/press/requests")
    def submit_press_request(self, request):
        """A journalist's request, taken in as an application of the `basin` channel: routed by its
        category, due in the press service's working days; the answer goes back to the journalist's
        e-mail once the mayor's office approved it. Follow it under `/api/v1/cases?channel=basin`."""
        principal = self.guard.require(self.db, request, "press_request.submit")
        form = load(press_schemas.PressRequestSchema, request, max_bytes=64 * 1024)
        journalist = form["journalist"]
        submission = {
            "channel": "basin", "type": form["type"], "subject": form["subject"],
            "body": f"Yayın kuruluşu: {form['outlet']}\n\n{form['question']}",
            "applicant": {"full_name": journalist["full_name"], "email": journalist["email"],
                          "preferred_reply_channel": "email",
                          **({"phone": journalist["phone"]} if journalist.get("phone") else {})},
            **({"category": form["category"]} if form.get("category") else {}),
        }
        result = self._call("submit_application", submission, principal.id, idempotency_key(request))
        application = result["application"]
        self.guard.audit(self.db, request, principal, "press_request.submit", "application", application["id"],
                         personal_data=True)
        return json_response({key: application[key] for key in ("id", "tracking_number", "status")},
                             status=201 if result["created"] else 200)
