"""Interface tests: the contacts service in a real container with its real PostgreSQL database (pg_trgm
and all) and a real RabbitMQ vhost; no other service runs (DESIGN.md §7)."""
import base64
import io
import json

import psycopg2
import psycopg2.extras
import pytest
from nameko.testing.services import entrypoint_hook
from pypdf import PdfReader

from contacts.service import ContactsService
from contracts import contacts as events
from contracts.topology import queue_name
from tests.support.broker import body_text, take_messages

INVITATION_KEY = "test-invitation-key"
PUBLIC_BASE_URL = "https://belediye.example"
DESK = {"id": "halkla", "role": "pr_officer", "directorate": None}
PRESS = {"id": "basin", "role": "press_officer", "directorate": None}
AUDITOR = {"id": "denetci", "role": "auditor", "directorate": None}
FEN = {"id": "fenci", "role": "directorate_staff", "directorate": "fen-isleri"}
# what the gateway passes the desk from the role table (protocol.manage): it runs every event, not only press
# conferences
EVERY_EVENT = {"may_manage_events": True}


@pytest.fixture
def contacts_db(fresh_db):
    return fresh_db("contacts")


@pytest.fixture
def contacts(contacts_db, amqp_uri, container_factory):
    """The running contacts service (started after, and stopped before, its database and vhost)."""
    container = container_factory(ContactsService, {
        "AMQP_URI": amqp_uri, "DB_URL": contacts_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
        "max_workers": 10, "INVITATION_KEY": INVITATION_KEY, "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
        "IMPORT_BATCH_ROWS": 2})
    container.start()
    return container


@pytest.fixture
def call(contacts):
    """`call("search_contacts", "ısık", {}, DESK)`: an RPC entrypoint run as the gateway would call it."""
    def run(method, *args, **kwargs):
        with entrypoint_hook(contacts, method) as hook:
            return hook(*args, **kwargs)
    return run


@pytest.fixture
def query(contacts_db):
    """`query(sql, *params)` -> rows as dicts, straight from contacts' database."""
    def run(sql, *params):
        conn = psycopg2.connect(contacts_db)
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                cur.execute(sql, params)
                rows = cur.fetchall() if cur.description else []
            conn.commit()
            return rows
        finally:
            conn.close()
    return run


def person(full_name, **fields):
    return {"kind": "person", "full_name": full_name, "category": fields.pop("category", "ilce_protokolu"),
            **fields}


def published(amqp_uri, event_type, expected, consumer="notify", timeout=15):
    """Payloads of `event_type` taken from the queue its subscriber reads."""
    messages = take_messages(amqp_uri, queue_name(consumer, events.EXCHANGE, event_type), expected, timeout)
    return [json.loads(body_text(m))["payload"] for m in messages]


def pdf_text(document):
    reader = PdfReader(io.BytesIO(base64.b64decode(document["content_base64"])))
    return "\n".join(page.extract_text() for page in reader.pages)
