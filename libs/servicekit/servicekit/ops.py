"""Liveness, readiness and /metrics for a service, on its own small HTTP port.

The gateway serves these on its main port; every other service gets them from `OpsServer`, a
shared extension any of the service's dependencies can pull in. Readiness asks every registered
probe (database, broker); liveness only says the process answers.
"""
import json
import logging

import eventlet
import eventlet.wsgi
from nameko.extensions import SharedExtension
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from . import settings

log = logging.getLogger(__name__)


def run_probes(probes):
    """`(ready, {name: "ok" | error text})` for a dict of zero-argument callables."""
    results = {}
    for name, probe in probes.items():
        try:
            probe()
            results[name] = "ok"
        except Exception as exc:  # a probe reports, never raises
            results[name] = type(exc).__name__
    return all(value == "ok" for value in results.values()), results


class OpsServer(SharedExtension):
    """`GET /health/live`, `GET /health/ready`, `GET /metrics` on `OPS_PORT` (0 disables it)."""

    def __init__(self):
        super().__init__()
        self.probes = {}
        self._gt = None
        self._sock = None

    def add_probe(self, name, probe):
        self.probes[name] = probe

    def setup(self):
        config = settings.of(self.container)
        if config.ops_port:
            self._sock = eventlet.listen((config.ops_host, config.ops_port))

    def start(self):
        if self._sock is not None:
            self._gt = self.container.spawn_managed_thread(self._serve, identifier="ops-http")

    def stop(self):
        if self._gt is not None:
            self._gt.kill()
        if self._sock is not None:
            self._sock.close()

    kill = stop

    def _serve(self):
        eventlet.wsgi.server(self._sock, self.wsgi_app, log_output=False, log=log)

    def wsgi_app(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            start_response("200 OK", [("Content-Type", CONTENT_TYPE_LATEST)])
            return [generate_latest()]
        if path == "/health/live":
            return _json(start_response, 200, {"status": "ok"})
        if path == "/health/ready":
            ready, results = run_probes(self.probes)
            return _json(start_response, 200 if ready else 503,
                         {"status": "ok" if ready else "unavailable", "checks": results})
        return _json(start_response, 404, {"status": "not found"})


def _json(start_response, status, body):
    reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
    start_response(f"{status} {reason}", [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]
