"""Interface tests: press in a real container with its real PostgreSQL database and a real RabbitMQ
vhost; the information bank (contacts) is replaced, and so is the clock, so tests move time instead
of waiting for it (DESIGN.md §7). News feeds come from a real HTTP server in the test process."""
import json
import threading
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import MagicMock

import psycopg2
import psycopg2.extras
import pytest
from nameko.testing.services import entrypoint_hook, replace_dependencies

from contracts import press as events
from contracts.topology import queue_name
from press.service import PressService
from tests.support.broker import body_text, queue_depth, take_messages, wait_until

OFFICER = {"id": "ayse", "role": "press_officer", "directorate": None}
MAYOR_OFFICE = {"id": "baskanlik", "role": "mayor_office", "directorate": None}
DIRECTORATE_STAFF = {"id": "mehmet", "role": "directorate_staff", "directorate": "fen-isleri"}


class FakeClock:
    """Now, unless a test set another time; `advance` moves it on."""

    def __init__(self):
        self.now = None

    def __call__(self):
        return self.now or datetime.now(timezone.utc)

    def set(self, moment):
        self.now = moment

    def advance(self, delta):
        self.now = self() + delta


class Press:
    """The running service: `press.add_source(...)` calls that entrypoint, as the gateway would, and
    insists the answer is plain JSON (the hook skips the serialisation a real RPC call goes through)."""

    def __init__(self, container, contacts, clock):
        self.container, self.contacts, self.clock = container, contacts, clock

    def __getattr__(self, name):
        def call(*args, **kwargs):
            with entrypoint_hook(self.container, name) as entrypoint:
                return json.loads(json.dumps(entrypoint(*args, **kwargs)))
        return call


@pytest.fixture
def press_db(fresh_db):
    return fresh_db("press")


@pytest.fixture
def press_config(press_db, amqp_uri):
    """Press's configuration in these tests: a development system, whose news sources on this machine
    are on the outbound allow-list (servicekit.outbound)."""
    return {"AMQP_URI": amqp_uri, "DB_URL": press_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
            "CONTACTS_TIMEOUT_SECONDS": 2, "DIGEST_AT": "08:30", "SITE_URL": "https://www.gaziemir.bel.tr",
            "PUBLIC_API_URL": "https://e.gaziemir.bel.tr/api/v1",
            "PLATFORM_ENV": "development", "OUTBOUND_ALLOW": "127.0.0.1"}


def start_press(container_factory, config):
    container = container_factory(PressService, config)
    contacts, clock = MagicMock(name="contacts_rpc"), FakeClock()
    replace_dependencies(container, contacts_rpc=contacts, clock=clock)
    container.start()
    return Press(container, contacts, clock)


@pytest.fixture
def press(press_config, container_factory):
    return start_press(container_factory, press_config)


@pytest.fixture
def query(press_db):
    def run(sql, *params):
        conn = psycopg2.connect(press_db)
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                cur.execute(sql, params)
                rows = cur.fetchall() if cur.description else []
            conn.commit()
            return rows
        finally:
            conn.close()
    return run


class FeedServer:
    """A news site's RSS feed: ETag and Last-Modified on every answer, 304 when the client already has
    the current version. `requests` lists (path, If-None-Match, status) of every request."""

    def __init__(self):
        self.body, self.etag, self.modified = b"", None, None
        self.requests = []
        self.version = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                unchanged = server.etag is not None and self.headers.get("If-None-Match") == server.etag
                status = 304 if unchanged else 200
                server.requests.append((self.path, self.headers.get("If-None-Match"), status))
                self.send_response(status)
                self.send_header("ETag", server.etag)
                self.send_header("Last-Modified", format_datetime(server.modified, usegmt=True))
                if unchanged:
                    self.end_headers()
                    return
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                self.wfile.write(server.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/rss"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def publish(self, *items):
        """The feed now holds `items` (title, link, description): a new version with a new ETag."""
        self.version += 1
        self.etag = f'"v{self.version}"'
        self.modified = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=5)
        entries = "".join(
            f"<item><title>{title}</title><link>{link}</link><description>{text}</description>"
            f"<pubDate>{format_datetime(self.modified)}</pubDate></item>" for title, link, text in items)
        self.body = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ege Telgraf'
                     f"</title><link>https://egetelgraf.example/</link><description>Yerel haber</description>{entries}"
                     "</channel></rss>").encode("utf-8")


@pytest.fixture
def feed():
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def published(amqp_uri, query, event_type):
    """The payloads of every `event_type` press has published, read once its outbox is empty (so
    nothing is still on its way)."""
    assert wait_until(lambda: not query("SELECT 1 FROM outbox WHERE sent_at IS NULL"))
    queue = queue_name("notify", events.EXCHANGE, event_type)
    try:
        count = queue_depth(amqp_uri, queue)
    except Exception:  # never declared: nothing was ever published
        return []
    return [json.loads(body_text(message))["payload"] for message in take_messages(amqp_uri, queue, count)]
