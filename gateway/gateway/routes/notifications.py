"""What notify keeps: the staff inbox, message templates, webhooks for other systems, the post room."""
import base64

from werkzeug.wrappers import Response

from .. import schemas
from ..errors import RouteNotFound
from ..http import http, json_response
from .common import audiences, load, query_args


class NotificationRoutes:
    @http("GET", "/api/v1/inbox")
    def inbox(self, request):
        """The caller's inbox: messages for their directorate and their role, newest first; `?unread=true`."""
        principal = self.guard.require(self.db, request, "inbox.read")
        query = query_args(schemas.InboxQuerySchema, request)
        messages = self._call("inbox", principal.name, audiences(principal), query["unread"], query["limit"],
                              service="notify")
        return json_response({"messages": messages})

    @http("POST", "/api/v1/inbox/<uuid:message_id>/read")
    def mark_inbox_read(self, request, message_id):
        principal = self.guard.require(self.db, request, "inbox.read")
        if not self._call("mark_read", principal.name, audiences(principal), str(message_id), service="notify"):
            raise RouteNotFound()
        return Response(status=204)

    # -- message templates ---------------------------------------------------------------------
    @http("GET", "/api/v1/templates")
    def list_templates(self, request):
        """The Turkish message templates, each with its current content and version."""
        self.guard.require(self.db, request, "templates.read")
        return json_response({"templates": self._call("templates", service="notify")})

    @http("PUT", "/api/v1/templates/<string:name>")
    def save_template(self, request, name):
        """A new version of a template (`{"content"}`): refused with the reason if it does not render."""
        principal = self.guard.require(self.db, request, "templates.manage")
        form = load(schemas.TemplateEditSchema, request, max_bytes=64 * 1024)
        saved = self._call("save_template", name, form["content"], principal.name, service="notify")
        self.guard.audit(self.db, request, principal, "template.save", "template", f"{name}@{saved['version']}")
        return json_response(saved)

    @http("POST", "/api/v1/templates/<string:name>/preview")
    def preview_template(self, request, name):
        """How a template, or the content proposed for it, reads for a sample case."""
        self.guard.require(self.db, request, "templates.read")
        form = load(schemas.TemplatePreviewRequestSchema, request, max_bytes=64 * 1024)
        return json_response(self._call("preview_template", name, form.get("content"), service="notify"))

    # -- webhooks for other systems ------------------------------------------------------------
    @http("POST", "/api/v1/webhooks")
    def subscribe_webhook(self, request):
        """`{"url", "event_types"}`: the calling system's endpoint gets those events, signed with the
        secret in the answer (shown once). Needs the scope `webhooks:manage`."""
        principal = self.guard.require(self.db, request, "webhooks.manage")
        form = load(schemas.WebhookSubscriptionRequestSchema, request)
        created = self._call("subscribe_webhook", principal.id, form["url"], form["event_types"], service="notify")
        self.guard.audit(self.db, request, principal, "webhook.subscribe", "webhook", created["id"])
        return json_response(created, status=201)

    @http("GET", "/api/v1/webhooks")
    def list_webhooks(self, request):
        principal = self.guard.require(self.db, request, "webhooks.manage")
        return json_response({"subscriptions": self._call("webhook_subscriptions", principal.id, service="notify")})

    @http("DELETE", "/api/v1/webhooks/<uuid:subscription_id>")
    def unsubscribe_webhook(self, request, subscription_id):
        principal = self.guard.require(self.db, request, "webhooks.manage")
        if not self._call("unsubscribe_webhook", principal.id, str(subscription_id), service="notify"):
            raise RouteNotFound()
        self.guard.audit(self.db, request, principal, "webhook.unsubscribe", "webhook", subscription_id)
        return Response(status=204)

    @http("GET", "/api/v1/webhooks/<uuid:subscription_id>/deliveries")
    def webhook_deliveries(self, request, subscription_id):
        """The delivery log of one of the caller's subscriptions: status, attempts, the endpoint's answer."""
        principal = self.guard.require(self.db, request, "webhooks.manage")
        log = self._call("webhook_deliveries", principal.id, str(subscription_id), service="notify")
        if log is None:
            raise RouteNotFound()
        return json_response({"deliveries": log})

    # -- the post room ------------------------------------------------------------------------
    @http("GET", "/api/v1/post-room/letters")
    def post_room_letters(self, request):
        """Letters for applicants reachable only on paper, oldest first; `?posted=true` for those posted."""
        self.guard.require(self.db, request, "post_room.manage")
        query = query_args(schemas.PostRoomQuerySchema, request)
        return json_response({"letters": self._call("post_room", query["posted"], query["limit"], service="notify")})

    @http("GET", "/api/v1/post-room/letters/<uuid:letter_id>/letter.pdf")
    def post_room_letter_pdf(self, request, letter_id):
        """One envelope's printable PDF: the letter with the address in the window, then the receipt or
        the answer's files."""
        principal = self.guard.require(self.db, request, "post_room.manage")
        pdf = base64.b64decode(self._call("post_letter", str(letter_id), service="notify"))
        self.guard.audit(self.db, request, principal, "post_room.print", "notification", letter_id,
                         personal_data=True)
        return Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="mektup-{letter_id}.pdf"'})

    @http("POST", "/api/v1/post-room/letters/<uuid:letter_id>/posted")
    def mark_letter_posted(self, request, letter_id):
        """The letter went into the post: recorded with who posted it; the case shows the applicant was told."""
        principal = self.guard.require(self.db, request, "post_room.manage")
        posted = self._call("mark_posted", str(letter_id), principal.name, service="notify")
        self.guard.audit(self.db, request, principal, "post_room.posted", "notification", letter_id)
        return json_response(posted)
