"""The gateway's HTTP entrypoint: nameko's `@http`, plus body limits, metrics and problem+json.

    @http("POST", "/api/v1/applications", route="/api/v1/applications")
    def submit_application(self, request): ...

Every answer, error or not, is counted by route and status; every error goes through the one
table in `errors.py`.

A slow or stalled client costs one connection, never one of the `max_workers` workers: the request
line and headers must arrive within `HTTP_HEADER_SECONDS`, and the body is read in full within
`HTTP_BODY_SECONDS` by the connection's own green thread before a worker is taken (a late client
gets 408 and the connection is closed). At most `HTTP_MAX_CONNECTIONS` connections are served at
once; more wait in the listen queue.
"""
import json
import logging
import socket
import time
import uuid
from functools import partial

import eventlet
from eventlet import wsgi
from eventlet.semaphore import Semaphore
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import HttpOnlyProtocol, WebServer, WsgiApp
from werkzeug.exceptions import HTTPException, MethodNotAllowed as WerkzeugMethodNotAllowed
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.routing import Map
from werkzeug.wrappers import Response

from servicekit import metrics
from servicekit.correlation import CONTEXT_KEY
from servicekit.settings import of as settings_of

from . import open311
from .dead_letters import LetterIdConverter
from .errors import (PROBLEMS, ApiError, MalformedRequest, MethodNotAllowed, PayloadTooLarge, RequestTimeout,
                     RouteNotFound, UnsupportedMediaType, problem_for)

log = logging.getLogger(__name__)

EXPECTED = (ApiError, *PROBLEMS)  # every mapped error is an answer, not a fault
DEFAULT_MAX_BODY_BYTES = 40 * 1024 * 1024  # five 5 MB attachments, base64-encoded, with room
PROBLEM_JSON = "application/problem+json"
MAX_JSON_DEPTH = 64  # deeper than any schema of the API; deeper still would exhaust the parser's stack
CLOSE_CONNECTION = "gateway.close_connection"  # environ key: call it to close the connection after the answer
CONVERTERS = {"letter": LetterIdConverter}  # path converters of the gateway's routes, beside werkzeug's
RESPONSE_408 = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s"


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


def refusal_response(path, exc, correlation_id=None):
    """A refusal made before any route's code runs (unknown route or method, late or oversized body):
    on an Open311 path in GeoReport's error format, in the path's format; anywhere else problem+json."""
    fmt = open311.format_for(path)
    if fmt is not None:
        return open311.error_answer(fmt, exc, correlation_id)
    return problem_response(exc, correlation_id)


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
    except RecursionError:  # nested past the parser's stack: deeper than MAX_JSON_DEPTH anyway
        body = too_deep = True
    else:
        too_deep = _depth_exceeds(body, MAX_JSON_DEPTH)
    if too_deep:
        raise MalformedRequest(f"Gövde en fazla {MAX_JSON_DEPTH} düzey iç içe olabilir.")
    if not isinstance(body, dict):
        raise MalformedRequest("Gövde bir JSON nesnesi olmalı.")
    return body


def _depth_exceeds(value, limit):
    """Whether objects and arrays nest deeper than `limit`; walked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def harden(response):
    """No answer is sniffed into another type; JSON answers, which may carry personal data, are kept
    by no cache (a route may say otherwise for its own)."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.mimetype in ("application/json", PROBLEM_JSON):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


class ProblemWsgiApp(WsgiApp):
    """nameko's WSGI app, but an unknown route or method is answered in problem+json too (GeoReport's
    error format on Open311 paths); a method the path does not have is a 405 whose `Allow` lists those it has."""

    def __call__(self, environ, start_response):
        start_response = _closing_if_body_unread(environ, start_response)
        adapter = self.url_map.bind_to_environ(environ)
        path = environ.get("PATH_INFO", "")
        try:
            adapter.match()
        except WerkzeugMethodNotAllowed as exc:
            response = refusal_response(path, MethodNotAllowed())
            response.headers["Allow"] = ", ".join(sorted(exc.valid_methods or ()))
            return harden(response)(environ, start_response)
        except HTTPException:
            return harden(refusal_response(path, RouteNotFound()))(environ, start_response)
        return super().__call__(environ, start_response)


def _closing_if_body_unread(environ, start_response):
    """`start_response` that says `Connection: close` when the answer leaves the body unread (a refusal before
    it is read): the server closes such a connection afterwards, and a client told nothing would send its next
    request on it and find it closed."""

    def start(status, headers, exc_info=None):
        body = environ.get("eventlet.input")
        if body is not None and (body.position < (body.content_length or 0)
                                 or (body.chunked_input and body.chunk_length != 0)):
            environ.get(CLOSE_CONNECTION, lambda: None)()
        return start_response(status, headers, exc_info)

    return start


class _ReadTimedOut(Exception):
    """The client's request line and headers did not arrive in time."""


class DeadlineProtocol(HttpOnlyProtocol):
    """eventlet's HTTP protocol with a deadline on the request line and headers (idle keep-alive
    connections included), and no reading of a body the application left unread: the connection is
    closed instead, so a slow client never holds the server past its deadline."""

    _timer = None

    def _read_request_line(self):
        self._timer = eventlet.Timeout(self.server.header_seconds, _ReadTimedOut)
        try:
            line = super()._read_request_line()
        except _ReadTimedOut:
            line = ""
        if not line:
            self._stop_timer()
            self.close_connection = 1
        return line

    def parse_request(self):
        try:
            parsed = super().parse_request()
            # the access log names the path, never the query string: searched names, addresses and
            # invitation reply tokens travel there
            self.requestline = _without_query(self.requestline)
            return parsed
        except _ReadTimedOut:
            refusal = refusal_response(getattr(self, "path", "") or "", RequestTimeout())
            payload = refusal.get_data()
            self.wfile.write(RESPONSE_408 % (refusal.headers["Content-Type"].encode("ascii"), len(payload), payload))
            self.wfile.flush()
            self.close_connection = 1
            return False
        finally:
            self._stop_timer()

    def handle_one_request(self):
        try:
            super().handle_one_request()
        finally:
            self._stop_timer()

    def log_error(self, format, *args):
        # the standard library's messages quote the request line, query string and all, on stderr
        log.info("malformed HTTP request refused (%s)", args[0] if args else "-")

    def log_request(self, code="-", size="-"):
        pass  # eventlet writes the access log line itself, without the query string (above)

    def get_environ(self):
        environ = super().get_environ()
        environ[CLOSE_CONNECTION] = self._close_after_answer
        # a body the application did not read is not read afterwards either: the connection is closed
        environ["eventlet.input"].discard = lambda *args, **kwargs: self._close_after_answer()
        return environ

    def _close_after_answer(self):
        self.close_connection = 1

    def _stop_timer(self):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def _without_query(requestline):
    parts = requestline.split(" ")
    if len(parts) >= 2:
        parts[1] = parts[1].split("?", 1)[0]
    return " ".join(parts)


class ApiServer(WebServer):
    """nameko's web server carrying each request's correlation id into its worker, with deadlines
    on reading requests and a cap on connections served at once."""

    def setup(self):
        config = settings_of(self.container)
        self.header_seconds = config.http_header_seconds
        self.body_seconds = config.http_body_seconds
        self._connections = Semaphore(config.http_max_connections)
        super().setup()

    def get_wsgi_app(self):
        return ProblemWsgiApp(self)

    def make_url_map(self):
        # nameko's, with the gateway's own path converters
        url_map = Map(converters=CONVERTERS)
        for provider in self._providers:
            rule = provider.get_url_rule()
            rule.endpoint = provider
            url_map.add(rule)
        return url_map

    def get_wsgi_server(self, sock, wsgi_app, protocol=DeadlineProtocol, debug=False):
        server = wsgi.Server(sock, sock.getsockname(), wsgi_app, protocol=protocol, debug=debug,
                             log=logging.getLogger("nameko.web.server"),
                             socket_timeout=max(self.header_seconds, self.body_seconds))
        server.header_seconds = self.header_seconds
        return server

    def run(self):
        # nameko's loop, with a free connection slot taken before each accept
        while self._is_accepting:
            self._connections.acquire()
            try:
                sock, addr = self._sock.accept()
            except BaseException:
                self._connections.release()
                raise
            sock.settimeout(self._serv.socket_timeout)
            self.container.spawn_managed_thread(partial(self._serve_connection, sock, addr))

    def _serve_connection(self, sock, addr):
        try:
            self.process_request(sock, addr)
        finally:
            self._connections.release()

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
        refused = self._read_body(request)
        if refused is not None:
            response = refusal_response(request.path, refused)
            request.environ.get(CLOSE_CONNECTION, lambda: None)()
        else:
            response = super().handle_request(request)
        self._observe(request, response.status_code)
        response.headers["X-Correlation-Id"] = request.correlation_id
        return harden(response)

    def _read_body(self, request):
        """Read the whole body here, in the connection's green thread and under a deadline, so the
        worker finds it in memory: the refusal (408, 413) if it cannot be, else None."""
        request.shallow = False
        try:
            with eventlet.Timeout(self.server.body_seconds, RequestTimeout()):
                body_bytes(request)
        except (RequestTimeout, socket.timeout):
            return RequestTimeout()
        except PayloadTooLarge as exc:
            return exc
        except (ClientDisconnected, OSError, ValueError):  # the client went away mid-body
            return MalformedRequest("İstek gövdesi okunamadı.")
        return None

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
