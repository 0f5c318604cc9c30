"""The gateway's HTTP entrypoints: thin; who is calling, the call to the owning service, the answer."""
import base64
import logging
from pathlib import Path

import eventlet
from kombu import Connection
from marshmallow import RAISE, ValidationError
from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy
from nameko.timer import timer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.wrappers import Response

from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.ops import run_probes

from . import accounts, audit, docs, inbound, open311, openapi, roles, schemas, security, storage
from .errors import Forbidden, RouteNotFound, UpstreamUnavailable, ValidationFailed
from .http import DEFAULT_MAX_BODY_BYTES, http, json_response, read_json
from .security import Guard

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
IDEMPOTENCY_KEY_MAX = 200


def load(schema_cls, request, max_bytes=16 * 1024):
    try:
        return schema_cls(unknown=RAISE).load(read_json(request, max_bytes=max_bytes))
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None


class GatewayService:
    name = "gateway"

    db = Database(MIGRATIONS)
    guard = Guard()
    config = Config()
    correlation_id = CorrelationId()
    intake_rpc = RpcProxy("intake")
    routing_rpc = RpcProxy("routing")
    notify_rpc = RpcProxy("notify")

    def _call(self, method, *args, service="intake", **kwargs):
        """Call a service, answering 503 rather than hanging when it does not reply in time."""
        timeout = float(self.config.get("RPC_TIMEOUT_SECONDS") or 30)
        proxy = {"routing": self.routing_rpc, "notify": self.notify_rpc}.get(service, self.intake_rpc)
        try:
            with eventlet.Timeout(timeout):
                return getattr(proxy, method)(*args, **kwargs)
        except eventlet.Timeout:
            raise UpstreamUnavailable() from None

    # -- staff sign-in -------------------------------------------------------------------------
    @http("POST", "/api/v1/auth/sign-in")
    def sign_in(self, request):
        """`{"username", "password"}` -> access token (JWT, minutes) and refresh token (hours)."""
        self.guard.throttle(request)
        form = load(schemas.SignInSchema, request)
        try:
            issued, user = accounts.sign_in(self.db, self.guard.token_settings, form["username"], form["password"])
        except Exception:
            self.guard.audit(self.db, request, _named(form["username"]), "auth.sign_in", outcome="failed")
            raise
        self.guard.audit(self.db, request, _named(user["username"], user), "auth.sign_in")
        return json_response(dict(issued, role=user["role"], directorate=user["directorate"]))

    @http("POST", "/api/v1/auth/refresh")
    def refresh(self, request):
        """`{"refresh_token"}` -> new tokens; the old refresh token is used up."""
        self.guard.throttle(request)
        form = load(schemas.RefreshSchema, request)
        issued, user = accounts.refresh(self.db, self.guard.token_settings, form["refresh_token"])
        return json_response(dict(issued, role=user["role"], directorate=user["directorate"]))

    @http("POST", "/api/v1/auth/sign-out")
    def sign_out(self, request):
        """`{"refresh_token"}`: ends that sign-in. 204 whether or not the token was known."""
        self.guard.throttle(request)
        accounts.sign_out(self.db, load(schemas.RefreshSchema, request)["refresh_token"])
        return Response(status=204)

    @http("POST", "/api/v1/auth/password")
    def change_password(self, request):
        """`{"current_password", "new_password"}`: every sign-in of the user ends."""
        principal = self.guard.require(self.db, request, "account.self")
        form = load(schemas.PasswordChangeSchema, request)
        accounts.change_password(self.db, principal.id, form["current_password"], form["new_password"])
        self.guard.audit(self.db, request, principal, "auth.password_change", "staff_user", principal.id)
        return Response(status=204)

    @http("GET", "/api/v1/auth/me")
    def me(self, request):
        principal = self.guard.require(self.db, request, "account.self")
        return json_response({"id": principal.id, "username": principal.name, "role": principal.role,
                              "role_label": roles.STAFF_ROLES[principal.role], "directorate": principal.directorate})

    # -- applications --------------------------------------------------------------------------
    @http("POST", "/api/v1/applications")
    def submit_application(self, request):
        """Take in an application. Body: `contracts.inbound.ApplicationSubmissionSchema`.

        201 with `{id, tracking_number, status, lookup_code, ...}` when stored; 200 with the original
        when the same source reference or `Idempotency-Key` was seen before.
        """
        principal = self.guard.require(self.db, request, "application.submit")
        body = read_json(request)
        key = request.headers.get("Idempotency-Key") or None
        if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
            raise ValidationFailed(errors={"Idempotency-Key": [f"En fazla {IDEMPOTENCY_KEY_MAX} karakter."]})
        result = self._call("submit_application", body, principal.id, key)
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
        application = self._call("get_application", str(application_id), masked)
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

    # -- cases and legal clocks ----------------------------------------------------------------
    @http("GET", "/api/v1/deadlines/preview")
    def preview_deadline(self, request):
        """The legal due date of an application type received on a day, with its explanation.
        `?type=bilgi_edinme&received_on=2026-03-13[&extended=true]`. No sign-in: no personal data."""
        self.guard.throttle(request)
        query = _query(schemas.DeadlinePreviewQuerySchema, request)
        return json_response(self._call("preview_deadline", query["type"], query["received_on"].isoformat(),
                                        query["extended"], service="routing"))

    @http("GET", "/api/v1/cases")
    def list_cases(self, request):
        """Cases by directorate, state, channel, neighbourhood, due_before, overdue; `limit`/`offset` pages.
        Directorates see their own cases only."""
        principal = self.guard.require(self.db, request, "case.read")
        query = _query(schemas.CaseQuerySchema, request)
        limit, offset = query.pop("limit"), query.pop("offset")
        if "due_before" in query:
            query["due_before"] = query["due_before"].isoformat()
        return json_response(self._call("list_cases", query, _actor(principal), limit, offset, service="routing"))

    @http("GET", "/api/v1/cases/<uuid:case_id>")
    def get_case(self, request, case_id):
        """A case, why its dates are what they are, and everything that happened to it."""
        principal = self.guard.require(self.db, request, "case.read")
        return json_response(self._call("get_case", str(case_id), _actor(principal), service="routing"))

    @http("POST", "/api/v1/cases/<uuid:case_id>/<string:action>")
    def act_on_case(self, request, case_id, action):
        """assign, transfer, forward, extend, fee_notice, fee_paid, submit_answer, approve_answer,
        return_answer, close.
        409 when the case's state does not allow it; 403 when the case is not the caller's to act on."""
        if action not in CASE_ACTIONS:
            raise RouteNotFound()
        principal = self.guard.require(self.db, request, "case.act")
        params = load(schemas.CaseActionSchema, request, max_bytes=DEFAULT_MAX_BODY_BYTES)
        case = self._call("act", str(case_id), _actor(principal), action, params, service="routing")
        self.guard.audit(self.db, request, principal, f"case.{action}", "case", case_id)
        return json_response(case)

    @http("GET", "/api/v1/routing")
    def routing_table(self, request):
        """Directorates, the active routing rules and the idari izin days."""
        self.guard.require(self.db, request, "routing.read")
        return json_response(self._call("routing_table", service="routing"))

    @http("POST", "/api/v1/routing/rules")
    def add_routing_rule(self, request):
        principal = self.guard.require(self.db, request, "routing.manage")
        rule = load(schemas.RoutingRuleSchema, request)
        created = self._call("add_routing_rule", rule, _actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, "routing.rule_added", "routing_rule", created["id"])
        return json_response(created, status=201)

    @http("DELETE", "/api/v1/routing/rules/<int:rule_id>")
    def remove_routing_rule(self, request, rule_id):
        principal = self.guard.require(self.db, request, "routing.manage")
        removed = self._call("remove_routing_rule", rule_id, _actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, "routing.rule_removed", "routing_rule", rule_id)
        return json_response(removed)

    @http("POST", "/api/v1/routing/idari-izin")
    def add_idari_izin_day(self, request):
        """An administrative-leave day (offices closed; legal deadlines keep running, with a warning)."""
        principal = self.guard.require(self.db, request, "routing.manage")
        form = load(schemas.IdariIzinSchema, request)
        added = self._call("add_idari_izin_day", form["day"].isoformat(), form["note"], _actor(principal),
                           service="routing")
        self.guard.audit(self.db, request, principal, "routing.idari_izin_added", "day", added["day"])
        return json_response(added, status=201)

    # -- staff inbox ---------------------------------------------------------------------------
    @http("GET", "/api/v1/inbox")
    def inbox(self, request):
        """The caller's inbox: messages for their directorate and their role, newest first; `?unread=true`."""
        principal = self.guard.require(self.db, request, "inbox.read")
        query = _query(schemas.InboxQuerySchema, request)
        messages = self._call("inbox", principal.name, _audiences(principal), query["unread"], query["limit"],
                              service="notify")
        return json_response({"messages": messages})

    @http("POST", "/api/v1/inbox/<uuid:message_id>/read")
    def mark_inbox_read(self, request, message_id):
        principal = self.guard.require(self.db, request, "inbox.read")
        if not self._call("mark_read", principal.name, _audiences(principal), str(message_id), service="notify"):
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

    # -- Open311 GeoReport v2 ------------------------------------------------------------------
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
        query = _query(open311.GeoReportQuerySchema, request)
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

    # -- other systems -------------------------------------------------------------------------
    @http("POST", "/api/v1/inbound/events")
    def post_inbound_event(self, request):
        """An event from another system, in the envelope and contract of the `ebelediye.inbound`
        exchange. 202 once it is durably queued; the client needs the scope `events:<event_type>`."""
        principal = self.guard.require(self.db, request, "inbound.event")
        body = read_json(request)
        envelope = inbound.validate_event(body)
        if f"events:{envelope['event_type']}" not in principal.scopes:
            self.guard.audit(self.db, request, principal, "inbound.event", "event", envelope["event_id"],
                             outcome="denied")
            raise Forbidden()
        inbound.publish_event(self.config["AMQP_URI"], body, envelope["event_type"], principal.id)
        self.guard.audit(self.db, request, principal, "inbound.event", "event", envelope["event_id"],
                         personal_data=True)
        return json_response({"event_id": str(envelope["event_id"]), "status": "accepted"}, status=202)

    # -- audit ---------------------------------------------------------------------------------
    @http("GET", "/api/v1/audit")
    def audit_log(self, request):
        """Audit records, newest first; filters: actor_id, action, object_type, object_id, outcome,
        since, until (ISO 8601), limit (≤ 500), before_id (paging)."""
        principal = self.guard.require(self.db, request, "audit.read")
        query = _query(schemas.AuditQuerySchema, request)
        entries = audit.search(self.db, query, query.pop("limit"), query.pop("before_id", None))
        self.guard.audit(self.db, request, principal, "audit.read")
        return json_response({"entries": entries})

    # -- housekeeping --------------------------------------------------------------------------
    @timer(interval=300)
    def forget_old_nonces(self):
        """Nonces older than the signature window can never be replayed (the timestamp check
        refuses them first), so they need not be kept."""
        with self.db.transaction() as tx:
            storage.forget_old_nonces(tx.cursor, 2 * security.NONCE_WINDOW_SECONDS)

    # -- documents and operations ------------------------------------------------------------
    @http("GET", "/api/openapi.json")
    def openapi_document(self, request):
        return json_response(openapi.build_spec())

    @http("GET", "/api/docs")
    def docs_page(self, request):
        return docs.page()

    @http("GET", "/api/docs/<string:name>")
    def docs_asset(self, request, name):
        response = docs.asset(name)
        if response is None:
            raise RouteNotFound()
        return response

    @http("GET", "/health")
    def health(self, request):
        """Ready when the database and the broker answer (intake is reached through the broker)."""
        ready, checks = run_probes({"database": self.db.pool.ping, "broker": self._ping_broker})
        return json_response({"status": "ok" if ready else "unavailable", "checks": checks},
                             status=200 if ready else 503)

    @http("GET", "/health/live")
    def liveness(self, request):
        return json_response({"status": "ok"})

    @http("GET", "/metrics")
    def metrics(self, request):
        return Response(generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    def _ping_broker(self):
        with Connection(self.config["AMQP_URI"], connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)


CASE_ACTIONS = ("assign", "transfer", "forward", "extend", "fee_notice", "fee_paid", "submit_answer",
                "approve_answer", "return_answer", "close")


def _audiences(principal):
    """Whose inbox messages a staff member reads: their role's, and their directorate's."""
    audiences = [f"role:{principal.role}"]
    if principal.directorate:
        audiences.append(f"directorate:{principal.directorate}")
    return audiences


def _actor(principal):
    """Who acts, as routing checks it against the case."""
    return {"id": principal.name or principal.id, "role": principal.role, "directorate": principal.directorate}


def _query(schema_cls, request):
    try:
        return schema_cls().load(request.args.to_dict())
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None


def _named(username, user=None):
    """The actor of a sign-in attempt, for the audit log."""
    from .security import Principal

    if user is None:
        return Principal("anonymous", username[:100], "-")
    return Principal("staff", str(user["id"]), user["role"], user["directorate"], name=username)
