"""Protocol at municipal events (DOMAIN.md §5): the precedence list, events and their invitations, replies
recorded by the desk, check-in at the door, the seating plan, the speaking order, name cards and the
printed plan.

The precedence list, the event list, attendance, seating and the speaking order are declared
(`contracts.contacts_api`) and built by `gateway.declared`; what is here is special: the press office's
door (press conferences only, checked on the event), an office code in the path, and printouts (files).

The public relations desk runs protocol (`protocol.manage`). The press office invites the media to press
conferences (`protocol.invite`): who may not manage every event acts only on events of that kind, checked
on the event itself.
"""
import re

from .. import contacts_schemas as schemas
from ..contacts_views import file_response
from ..errors import Forbidden, RouteNotFound, ValidationFailed
from ..http import http, json_response
from .common import actor, load
from .contacts import ContactsRpc

PRESS_ONLY = "Basın servisi yalnızca basın toplantılarının davetlerini yönetir."


class ProtocolRoutes(ContactsRpc):
    def _invite_door(self, request, principal, event_id, action):
        """The event's attendance when the caller needs it checked, else None: one who may not manage every
        event may act only on a press conference."""
        if principal.may("protocol.manage"):
            return None
        attendance = self._contacts("attendance", str(event_id), actor(principal))
        if attendance["event"]["kind"] != schemas.PRESS_CONFERENCE:
            self.guard.audit(self.db, request, principal, action, "event", event_id, outcome="denied")
            raise Forbidden(PRESS_ONLY)
        return attendance

    # -- the precedence list -----------------------------------------------------------------------

    @http("PUT", "/api/v1/protocol/precedence/<string:office>")
    def set_precedence(self, request, office):
        """Put an office at a rank, e.g. `PUT …/ilce_muftusu {"rank": 14, "title": "İlçe Müftüsü"}`; the
        offices from that rank on move down one."""
        principal = self.guard.require(self.db, request, "protocol.manage")
        form = load(schemas.PrecedenceSchema, request)
        if not re.fullmatch(schemas.OFFICE_CODE, office):
            raise ValidationFailed(errors={"office": ["Makam kodu küçük harf, rakam ve alt çizgiden oluşmalı "
                                                      "(ör. ilce_muftusu)."]})
        placed = self._contacts("set_precedence", office, form["rank"], form["title"], actor(principal),
                                source=form.get("source"))
        self.guard.audit(self.db, request, principal, "protocol.precedence_set", "office", office)
        return json_response(placed)

    # -- events and invitations --------------------------------------------------------------------
    @http("POST", "/api/v1/events")
    def create_event(self, request):
        """`{"kind": "toren", "title": "29 Ekim Cumhuriyet Bayramı", "starts_at": "2026-10-29T10:00:00+03:00",
        "place": "Atatürk Anıtı", "rows": [7, 9, 9]}` (seats per row, front first)."""
        principal = self.guard.require(self.db, request, "protocol.invite")
        event = load(schemas.EventSchema, request)
        if not principal.may("protocol.manage") and event["kind"] != schemas.PRESS_CONFERENCE:
            self.guard.audit(self.db, request, principal, "protocol.event_create", "event", outcome="denied")
            raise Forbidden(PRESS_ONLY)
        created = self._contacts("create_event", schemas.as_rpc(event), actor(principal))
        self.guard.audit(self.db, request, principal, "protocol.event_create", "event", created["id"])
        return json_response(created, status=201)

    @http("POST", "/api/v1/events/<uuid:event_id>/invitations")
    def invite_to_event(self, request, event_id):
        """`{"contact_ids": [...], "segment_ids": [...]}`: each invitee once, by a personal reply link that
        notify sends; records whose owners opted out are skipped, with the reason."""
        principal = self.guard.require(self.db, request, "protocol.invite")
        form = load(schemas.InviteSchema, request, max_bytes=256 * 1024)
        self._invite_door(request, principal, event_id, "protocol.invite")
        invited = self._contacts("invite", str(event_id), schemas.as_rpc(form["contact_ids"]),
                                 schemas.as_rpc(form["segment_ids"]), actor(principal))
        self.guard.audit(self.db, request, principal, "protocol.invite", "event", event_id, personal_data=True)
        return json_response(invited)

    @http("POST", "/api/v1/events/<uuid:event_id>/invitations/<uuid:invitation_id>/reply")
    def record_invitation_reply(self, request, event_id, invitation_id):
        """The desk records an answer given by phone or in person (`{"reply": "accepted"}`), and may change it."""
        principal = self.guard.require(self.db, request, "protocol.invite")
        form = load(schemas.ReplySchema, request)
        attendance = (self._invite_door(request, principal, event_id, "protocol.reply_record")
                      or self._contacts("attendance", str(event_id), actor(principal)))
        if str(invitation_id) not in {guest["invitation_id"] for guest in attendance["guests"]}:
            raise RouteNotFound("Bu etkinlikte böyle bir davet yok.")
        shown = self._contacts("record_reply", str(invitation_id), form["reply"], actor(principal))
        self.guard.audit(self.db, request, principal, "protocol.reply_record", "invitation", invitation_id,
                         personal_data=True)
        return json_response(shown)

    @http("POST", "/api/v1/events/<uuid:event_id>/check-ins")
    def check_in_guest(self, request, event_id):
        """`{"contact_id"}` arrived at the door; the first arrival time stays."""
        principal = self.guard.require(self.db, request, "protocol.invite")
        form = load(schemas.CheckInSchema, request)
        self._invite_door(request, principal, event_id, "protocol.check_in")
        arrived = self._contacts("check_in", str(event_id), str(form["contact_id"]), actor(principal))
        self.guard.audit(self.db, request, principal, "protocol.check_in", "event", event_id, personal_data=True)
        return json_response(arrived)

    # -- seating, speaking order, printouts --------------------------------------------------------

    @http("GET", "/api/v1/events/<uuid:event_id>/name-cards.pdf")
    def name_cards_pdf(self, request, event_id):
        """Tent name cards of the seated guests (else of those who accepted), most senior first."""
        return self._printout(request, event_id, "name_cards_pdf", "protocol.name_cards")

    @http("GET", "/api/v1/events/<uuid:event_id>/seating-plan.pdf")
    def seating_plan_pdf(self, request, event_id):
        """The printed seating plan, front row on top."""
        return self._printout(request, event_id, "seating_plan_pdf", "protocol.seating_plan")

    def _printout(self, request, event_id, method, action):
        principal = self.guard.require(self.db, request, "protocol.read")
        document = self._contacts(method, str(event_id), actor(principal))
        self.guard.audit(self.db, request, principal, action, "event", event_id, personal_data=True)
        return file_response(document, inline=True)
