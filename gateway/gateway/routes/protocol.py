"""Protocol's printouts (DOMAIN.md §5), file downloads: the name cards and the seating plan as PDFs. The rest
of protocol (the precedence list, events, invitations, replies recorded by the desk, check-in, seating and the
speaking order) is declared (`contracts.contacts_api`) and built by `gateway.declared`."""
from ..downloads import file_response
from ..http import http
from .common import actor


class ProtocolRoutes:
    @http("GET", "/api/v1/events/<uuid:event_id>/name-cards.pdf")
    def name_cards_pdf(self, request, event_id):
        """A file download: tent name cards of the seated guests (else of those who accepted), most senior
        first."""
        return self._printout(request, event_id, "name_cards_pdf", "protocol.name_cards")

    @http("GET", "/api/v1/events/<uuid:event_id>/seating-plan.pdf")
    def seating_plan_pdf(self, request, event_id):
        """A file download: the printed seating plan, front row on top."""
        return self._printout(request, event_id, "seating_plan_pdf", "protocol.seating_plan")

    def _printout(self, request, event_id, method, action):
        principal = self.guard.require(self.db, request, "protocol.read")
        document = self._call(method, str(event_id), actor(principal), service="contacts")
        self.guard.audit(self.db, request, principal, action, "event", event_id, personal_data=True)
        return file_response(document, inline=True)
