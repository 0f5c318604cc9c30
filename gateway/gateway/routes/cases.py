"""Cases and legal clocks: deadline preview, case lists and actions, routing rules, idari izin days."""
from .. import schemas
from ..errors import RouteNotFound
from ..http import DEFAULT_MAX_BODY_BYTES, http, json_response
from .common import CASE_ACTIONS, actor, load, query_args


class CaseRoutes:
    @http("GET", "/api/v1/deadlines/preview")
    def preview_deadline(self, request):
        """The legal due date of an application type received on a day, with its explanation.
        `?type=bilgi_edinme&received_on=2026-03-13[&extended=true]`. No sign-in: no personal data."""
        self.guard.throttle(request)
        query = query_args(schemas.DeadlinePreviewQuerySchema, request)
        return json_response(self._call("preview_deadline", query["type"], query["received_on"].isoformat(),
                                        query["extended"], service="routing"))

    @http("GET", "/api/v1/cases")
    def list_cases(self, request):
        """Cases by directorate, state, channel, neighbourhood, due_before, overdue; `limit`/`offset` pages.
        Directorates see their own cases only."""
        principal = self.guard.require(self.db, request, "case.read")
        query = query_args(schemas.CaseQuerySchema, request)
        limit, offset = query.pop("limit"), query.pop("offset")
        if "due_before" in query:
            query["due_before"] = query["due_before"].isoformat()
        return json_response(self._call("list_cases", query, actor(principal), limit, offset, service="routing"))

    @http("GET", "/api/v1/cases/<uuid:case_id>")
    def get_case(self, request, case_id):
        """A case, why its dates are what they are, and everything that happened to it."""
        principal = self.guard.require(self.db, request, "case.read")
        return json_response(self._call("get_case", str(case_id), actor(principal), service="routing"))

    @http("POST", "/api/v1/cases/<uuid:case_id>/<string:action>")
    def act_on_case(self, request, case_id, action):
        """assign, transfer, forward, extend, fee_notice, fee_paid, submit_answer, approve_answer,
        return_answer, close.
        409 when the case's state does not allow it; 403 when the case is not the caller's to act on."""
        if action not in CASE_ACTIONS:
            raise RouteNotFound()
        principal = self.guard.require(self.db, request, "case.act")
        params = load(schemas.CaseActionSchema, request, max_bytes=DEFAULT_MAX_BODY_BYTES)
        case = self._call("act", str(case_id), actor(principal), action, params, service="routing")
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
        created = self._call("add_routing_rule", rule, actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, "routing.rule_added", "routing_rule", created["id"])
        return json_response(created, status=201)

    @http("DELETE", "/api/v1/routing/rules/<int:rule_id>")
    def remove_routing_rule(self, request, rule_id):
        principal = self.guard.require(self.db, request, "routing.manage")
        removed = self._call("remove_routing_rule", rule_id, actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, "routing.rule_removed", "routing_rule", rule_id)
        return json_response(removed)

    @http("POST", "/api/v1/routing/idari-izin")
    def add_idari_izin_day(self, request):
        """An administrative-leave day (offices closed; legal deadlines keep running, with a warning)."""
        principal = self.guard.require(self.db, request, "routing.manage")
        form = load(schemas.IdariIzinSchema, request)
        added = self._call("add_idari_izin_day", form["day"].isoformat(), form["note"], actor(principal),
                           service="routing")
        self.guard.audit(self.db, request, principal, "routing.idari_izin_added", "day", added["day"])
        return json_response(added, status=201)
