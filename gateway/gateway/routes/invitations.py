"""An invitee's answer through the personal link in their invitation: no sign-in, the link's token is the
proof and contacts checks it. Written by hand because one route answers both a person and a program: the
page (HTML) and its form's POST (form-encoded), or the same POST as JSON, with a refused link answered
alike (404) whichever part is wrong and audited as denied. Its schema is the contract's
(`contracts.contacts_protocol.InvitationReplyInput`), which contacts checks too."""
from urllib.parse import parse_qsl

from marshmallow import ValidationError

from contracts.contacts_protocol import InvitationReplyInput
from contracts.errors import Conflict, InvalidInput, NotAllowed, NotFound

from .. import invitation_page
from ..errors import MalformedRequest, RouteNotFound, UnsupportedMediaType, ValidationFailed
from ..http import body_bytes, http, json_response, read_json
from ..security import ANONYMOUS

FORM = "application/x-www-form-urlencoded"
REPLY_BYTES = 4 * 1024
INVALID_LINK = "Bu yanıt bağlantısı geçersiz."


def _reply_form(request):
    """The answer, form-encoded (the page's buttons) or JSON (`{"token", "reply"}`), validated."""
    if request.mimetype == FORM:
        try:
            data = dict(parse_qsl(body_bytes(request, REPLY_BYTES).decode("utf-8"), keep_blank_values=True,
                                  strict_parsing=False))
        except UnicodeDecodeError:
            raise MalformedRequest("Form verisi UTF-8 olmalı.") from None
    elif request.mimetype == "application/json":
        data = read_json(request, max_bytes=REPLY_BYTES)
    else:
        raise UnsupportedMediaType("Gövde application/json ya da application/x-www-form-urlencoded olmalı.")
    try:
        return InvitationReplyInput().load(data)
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None


class InvitationReplyRoutes:
    @http("GET", "/api/v1/invitations/<uuid:invitation_id>/reply")
    def invitation_reply_page(self, request, invitation_id):
        """The page the link opens: the event (title, time, place), the answer given so far, and two
        buttons, "Katılacağım" and "Katılamayacağım". Opening it records nothing (mail scanners follow
        links); the answer is the form's POST. A link that does not hold is the same 404 page, whichever
        part is wrong."""
        self.guard.throttle(request)
        token = request.args.get("token", "")
        try:
            InvitationReplyInput(only=("token",)).load({"token": token})
            shown = self._call("invitation_for_reply", str(invitation_id), token, service="contacts")
        except (ValidationError, NotFound, NotAllowed):
            return invitation_page.problem(404)
        return invitation_page.reply_form(invitation_id, token, shown)

    @http("POST", "/api/v1/invitations/<uuid:invitation_id>/reply")
    def reply_to_invitation(self, request, invitation_id):
        """`token` and `reply` ("accepted" / "declined"), from the page's form or as JSON. The first answer
        counts and the same one again changes nothing; another one afterwards is a 409 (the desk can still
        change it). A link that does not hold is a 404, whether the token or the invitation is wrong."""
        self.guard.throttle(request)
        html = invitation_page.wants_html(request)
        try:
            form = _reply_form(request)
            shown = self._call("reply_invitation", str(invitation_id), form["token"], form["reply"],
                               service="contacts")
        except (NotFound, NotAllowed):
            self.guard.audit(self.db, request, ANONYMOUS, "invitation.reply", "invitation", invitation_id,
                             outcome="denied")
            if html:
                return invitation_page.problem(404)
            raise RouteNotFound(INVALID_LINK) from None
        except Conflict:
            if html:
                return invitation_page.problem(409)
            raise
        except (ValidationFailed, InvalidInput):
            if html:
                return invitation_page.problem(422)
            raise
        self.guard.audit(self.db, request, ANONYMOUS, "invitation.reply", "invitation", invitation_id,
                         personal_data=True)
        return invitation_page.thanks(shown) if html else json_response(shown)

