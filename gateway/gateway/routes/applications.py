"""The applications area's one hand-written route, the receipt PDF: a file, which a declaration cannot answer.
Submitting, reading and the status lookup are intake's declarations (`contracts.intake_api`)."""
import base64

from werkzeug.wrappers import Response

from ..errors import IntakeNotAllowed
from ..http import http
from .common import actor


class ApplicationRoutes:
    @http("GET", "/api/v1/applications/<uuid:application_id>/receipt.pdf")
    def get_receipt(self, request, application_id):
        """Special: a file. The receipt (alındı belgesi) as a PDF, for whoever may see the application (intake
        decides, as for the application itself; a refusal is audited)."""
        principal = self.guard.require(self.db, request, "application.read")
        try:
            self._call("show_application", str(application_id), actor(principal))
        except IntakeNotAllowed:
            self.guard.audit(self.db, request, principal, "application.read", "application", application_id,
                             outcome="denied")
            raise
        pdf = base64.b64decode(self._call("get_receipt", str(application_id)))
        self.guard.audit(self.db, request, principal, "application.receipt", "application", application_id)
        return Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="alindi-belgesi-{application_id}.pdf"'})
