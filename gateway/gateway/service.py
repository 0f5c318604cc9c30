"""The gateway's HTTP entrypoints: thin; authentication, the call to the owning service, the answer."""
import base64
import logging

import eventlet
from kombu import Connection
from marshmallow import RAISE, ValidationError
from nameko.dependency_providers import Config
from nameko.rpc import RpcProxy
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from werkzeug.wrappers import Response

from servicekit.correlation import CorrelationId
from servicekit.ops import run_probes

from . import auth, docs, openapi, schemas
from .errors import RouteNotFound, UpstreamUnavailable, ValidationFailed
from .http import http, json_response, read_json

log = logging.getLogger(__name__)

IDEMPOTENCY_KEY_MAX = 200


class GatewayService:
    name = "gateway"

    config = Config()
    correlation_id = CorrelationId()
    intake_rpc = RpcProxy("intake")

    # -- helpers -------------------------------------------------------------------------------
    def _principal(self, request):
        return auth.authenticate(request.headers, auth.parse_api_keys(self.config.get("GATEWAY_API_KEYS")))

    def _call(self, method, *args, **kwargs):
        """Call intake, answering 503 rather than hanging when it does not reply in time."""
        timeout = float(self.config.get("RPC_TIMEOUT_SECONDS") or 30)
        try:
            with eventlet.Timeout(timeout):
                return getattr(self.intake_rpc, method)(*args, **kwargs)
        except eventlet.Timeout:
            raise UpstreamUnavailable() from None

    # -- applications --------------------------------------------------------------------------
    @http("POST", "/api/v1/applications")
    def submit_application(self, request):
        """Take in an application. Body: `contracts.inbound.ApplicationSubmissionSchema`.

        201 with `{id, tracking_number, status, lookup_code, ...}` when stored; 200 with the original
        when the same source reference or `Idempotency-Key` was seen before.
        """
        principal = self._principal(request)
        auth.require(principal, "submit_application")
        body = read_json(request)
        key = request.headers.get("Idempotency-Key") or None
        if key is not None and len(key) > IDEMPOTENCY_KEY_MAX:
            raise ValidationFailed(errors={"Idempotency-Key": [f"En fazla {IDEMPOTENCY_KEY_MAX} karakter."]})
        result = self._call("submit_application", body, principal.client_id, key)
        application = result["application"]
        return json_response(application, status=201 if result["created"] else 200,
                             headers={"Location": f"/api/v1/applications/{application['id']}"})

    @http("GET", "/api/v1/applications/<uuid:application_id>")
    def get_application(self, request, application_id):
        """The application, for staff and for the system that submitted it."""
        principal = self._principal(request)
        auth.require(principal, "read_application")
        application = self._call("get_application", str(application_id))
        auth.may_see(principal, application)
        return json_response(application)

    @http("GET", "/api/v1/applications/<uuid:application_id>/receipt.pdf")
    def get_receipt(self, request, application_id):
        """The receipt (alındı belgesi) as a PDF."""
        principal = self._principal(request)
        auth.require(principal, "read_application")
        auth.may_see(principal, self._call("get_application", str(application_id)))
        pdf = base64.b64decode(self._call("get_receipt", str(application_id)))
        return Response(pdf, mimetype="application/pdf", headers={
            "Content-Disposition": f'inline; filename="alindi-belgesi-{application_id}.pdf"'})

    @http("POST", "/api/v1/applications/status-lookup")
    def lookup_status(self, request):
        """The applicant's own view: tracking number and secret code in, status out. No sign-in."""
        try:
            query = schemas.StatusLookupSchema(unknown=RAISE).load(read_json(request, max_bytes=4096))
        except ValidationError as exc:
            raise ValidationFailed(errors=exc.messages) from None
        return json_response(self._call("lookup_status", query["tracking_number"], query["code"]))

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
        """Ready when the broker answers (intake is reached through it)."""
        ready, checks = run_probes({"broker": self._ping_broker})
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
