"""Other systems' events, the audit log, housekeeping, documents, health and metrics."""
from kombu import Connection
from nameko.timer import timer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.wrappers import Response

from servicekit.ops import run_probes

from .. import audit, docs, inbound, openapi, schemas, security, storage
from ..errors import Forbidden, RouteNotFound
from ..http import http, json_response, read_json
from .common import query_args


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
