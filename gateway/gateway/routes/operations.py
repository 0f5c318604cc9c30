"""Other systems' events, the audit log, housekeeping, documents and health. `/metrics` is not on the
public port: like every service's, it is served on the ops port (`OPS_PORT`, servicekit's `OpsServer`)."""
from kombu import Connection
from nameko.timer import timer

from servicekit.ops import run_probes

from .. import accounts, audit, dead_letters, docs, inbound, openapi, schemas, security, storage
from ..errors import Forbidden, RouteNotFound, ValidationFailed
from ..http import http, json_response, read_json
from .common import load, query_args


class OperationsRoutes:
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

    # -- dead letters ---------------------------------------------------------------------------
    @http("GET", "/api/v1/ops/dead-letters")
    def dead_letter_counts(self, request):
        """How many dead letters each service holds."""
        self.guard.require(self.db, request, "deadletters.read")
        return json_response({"services": dead_letters.counts(self.config["AMQP_URI"])})

    @http("GET", "/api/v1/ops/dead-letters/<string:service>")
    def list_dead_letters(self, request, service):
        """A service's dead letters, oldest first: id, reason, original queue, attempts, when (no body)."""
        self.guard.require(self.db, request, "deadletters.read")
        query = query_args(schemas.DeadLetterQuerySchema, request)
        return json_response({"service": service, "dead_letters": self._dead_letters(
            dead_letters.listing, service, query["limit"])})

    @http("GET", "/api/v1/ops/dead-letters/<string:service>/<letter:letter_id>")
    def show_dead_letter(self, request, service, letter_id):
        """One dead letter in full: its headers and body as received (it may hold personal data)."""
        principal = self.guard.require(self.db, request, "deadletters.read")
        found = self._dead_letters(dead_letters.details, service, letter_id[:100])
        if found is None:
            raise RouteNotFound()
        self.guard.audit(self.db, request, principal, "deadletter.read", "dead_letter", letter_id,
                         personal_data=True)
        return json_response(found)

    @http("POST", "/api/v1/ops/dead-letters/<string:service>/replay")
    def replay_dead_letters(self, request, service):
        """`{"id"}` sends one dead letter back to its queue, `{}` every one; handled once even if replayed twice."""
        principal = self.guard.require(self.db, request, "deadletters.manage")
        form = load(schemas.DeadLetterActionSchema, request)
        count = self._dead_letters(dead_letters.replay, service, form.get("id"))
        self.guard.audit(self.db, request, principal, "deadletter.replay", "dead_letter", form.get("id") or service)
        return json_response({"service": service, "replayed": count})

    @http("POST", "/api/v1/ops/dead-letters/<string:service>/purge")
    def purge_dead_letters(self, request, service):
        """`{"id"}` deletes one dead letter; `{"all": true}` every one of the service's."""
        principal = self.guard.require(self.db, request, "deadletters.manage")
        form = load(schemas.DeadLetterActionSchema, request)
        if not form.get("id") and not form.get("all"):
            raise ValidationFailed(errors={"id": ["Silinecek ölü mektubun id'si ya da \"all\": true gerekli."]})
        count = self._dead_letters(dead_letters.purge, service, form.get("id"))
        self.guard.audit(self.db, request, principal, "deadletter.purge", "dead_letter", form.get("id") or service)
        return json_response({"service": service, "purged": count})

    def _dead_letters(self, action, service, *args):
        try:
            return action(self.config["AMQP_URI"], service, *args)
        except dead_letters.UnknownService:
            raise RouteNotFound() from None

    # -- audit ---------------------------------------------------------------------------------
    @http("GET", "/api/v1/audit")
    def audit_log(self, request):
        """Audit records, newest first; filters: actor_id, action, object_type, object_id, outcome,
        since, until (ISO 8601), limit (≤ 500), before_id (paging)."""
        principal = self.guard.require(self.db, request, "audit.read")
        query = query_args(schemas.AuditQuerySchema, request)
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
        accounts.forget_old_failures(self.db)  # and failed sign-ins of names long quiet

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

    def _ping_broker(self):
        with Connection(self.config["AMQP_URI"], connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1)
