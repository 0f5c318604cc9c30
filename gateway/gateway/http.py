"""The gateway's HTTP entrypoint: nameko's `@http`, plus body limits, metrics and problem+json.

    @http("POST", "/api/v1/applications", route="/api/v1/applications")
    def submit_application(self, request): ...

Every answer, error or not, is counted by route and status; every error goes through the one
table in `errors.py`.
"""
import json
import logging
import time
import uuid

from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException, MethodNotAllowed as WerkzeugMethodNotAllowed
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from servicekit import metrics
from servicekit.correlation import CONTEXT_KEY

from .errors import (PROBLEMS, ApiError, MalformedRequest, MethodNotAllowed, PayloadTooLarge, RouteNotFound,
                     UnsupportedMediaType, problem_for)

log = logging.getLogger(__name__)

EXPECTED = (ApiError, *PROBLEMS)  # every mapped error is an answer, not a fault
DEFAULT_MAX_BODY_BYTES = 40 * 1024 * 1024  # five 5 MB attachments, base64-encoded, with room
PROBLEM_JSON = "application/problem+json"


def json_response(body, status=200, headers=None):
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers,
                    mimetype="application/json")


def problem_response(exc, correlation_id=None):
    status, body = problem_for(exc, correlation_id)
    headers = None
    if status == 503:
        headers = {"Retry-After": "5"}
    elif status == 429:
        headers = {"Retry-After": str(max(1, getattr(exc, "retry_after", 1)))}
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers, mimetype=PROBLEM_JSON)


def body_bytes(request, max_bytes=DEFAULT_MAX_BODY_BYTES):
    """The raw body, read once and kept (a signature check and the JSON parser both need it);
    `PayloadTooLarge` past `max_bytes`, before more than that is read."""
    request.max_content_length = max_bytes
    too_large = PayloadTooLarge(f"En fazla {max(1, max_bytes // 1024)} KB gönderilebilir.")
    try:
        data = request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise too_large from None
    if len(data) > max_bytes:  # read earlier under a larger limit
        raise too_large
    return data


def read_json(request, max_bytes=DEFAULT_MAX_BODY_BYTES):
    """The request body as a JSON object, or a 4xx for anything else."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaType()
    raw = body_bytes(request, max_bytes)
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise MalformedRequest("Gövde geçerli bir JSON değil.") from None
    if not isinstance(body, dict):
        raise MalformedRequest("Gövde bir JSON nesnesi olmalı.")
    return body


class ProblemWsgiApp(WsgiApp):
    """nameko's WSGI app, but an unknown route or method is answered in problem+json too."""

    def __call__(self, environ, start_response):
        adapter = self.url_map.bind_to_environ(environ)
        try:
            adapter.match()
        except WerkzeugMethodNotAllowed:
            return problem_response(MethodNotAllowed())(environ, start_response)
        except HTTPException:
            return problem_response(RouteNotFound())(environ, start_response)
        return super().__call__(environ, start_response)


class ApiServer(WebServer):
    """nameko's web server carrying each request's correlation id into its worker."""

    def get_wsgi_app(self):
        return ProblemWsgiApp(self)

    def context_data_from_headers(self, request):
        return {CONTEXT_KEY: getattr(request, "correlation_id", None) or str(uuid.uuid4())}


class ApiHandler(HttpRequestHandler):
    """`@http` that maps errors through the one table and records request metrics."""

    server = ApiServer()

    def __init__(self, method, url, route=None, **kwargs):
        # refusals are answers, not faults: nameko logs them as warnings, not errors
        kwargs.setdefault("expected_exceptions", EXPECTED)
        super().__init__(method, url, **kwargs)
        self.route = route or url

    def handle_request(self, request):
        request.started = time.monotonic()
        request.correlation_id = _correlation_id(request)
        response = super().handle_request(request)
        self._observe(request, response.status_code)
        response.headers["X-Correlation-Id"] = request.correlation_id
        return response

    def response_from_exception(self, exc):
        if type(exc) not in PROBLEMS:
            log.error("unhandled %s in %s", type(exc).__name__, self.route)
        return problem_response(exc)

    def _observe(self, request, status):
        metrics.HTTP_REQUESTS.labels(self.route, self.method, str(status)).inc()
        metrics.HTTP_SECONDS.labels(self.route, self.method).observe(time.monotonic() - request.started)


def _correlation_id(request):
    offered = request.headers.get("X-Correlation-Id", "")
    if 0 < len(offered) <= 100 and offered.replace("-", "").isalnum():
        return offered
    return str(uuid.uuid4())


http = ApiHandler.decorator
