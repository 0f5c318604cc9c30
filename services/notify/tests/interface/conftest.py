"""Interface tests: notify in a real container with its real database, a real RabbitMQ vhost and a real
SMTP server (aiosmtpd in its own process); intake is replaced (DESIGN.md §7)."""
import base64

import psycopg2
import psycopg2.extras
import pytest
from nameko.testing.services import replace_dependencies

from contracts import attachments
from notify.service import NotifyService
from tests.support.peers import FakeSmsProvider, SmtpSink



def one_page_pdf(text):
    """A real one-page PDF, so the post room can put it behind a letter."""
    import io

    from reportlab.pdfgen import canvas
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(100, 700, text)
    page.save()
    return buffer.getvalue()


RECEIPT = one_page_pdf("ALINDI BELGESI")
ANSWER_FILE = one_page_pdf("HARCAMA TABLOSU")
PHOTO = b"\xff\xd8\xff\xe0 a photograph of the new park"
ISSUE_PDF = one_page_pdf("GAZIEMIR BULTEN 42")
SLIDES = one_page_pdf("2027 YATIRIM PROGRAMI")
# what the press stand-in serves, by kind; a conference's materials by id (those of its sample)
PRESS_FILES = {"release_photo": ("park.jpg", "image/jpeg", PHOTO),
               "digest_pdf": ("basin-ozeti.pdf", "application/pdf", RECEIPT),
               "issue_pdf": ("bulten-42.pdf", "application/pdf", ISSUE_PDF)}
MATERIALS = {"4b3a2918-0716-4f5e-8d4c-3b2a19080706": ("sunum.pdf", "application/pdf", SLIDES),
             "5c4b3a29-1807-4e6f-9e5d-4c3b2a190807": ("santiye.jpg", "image/jpeg", PHOTO)}


def press_file(kind, file_id):
    return MATERIALS[file_id] if kind == "conference_material" else PRESS_FILES[kind]


def owner(service, serve):
    """A stand-in for `service`'s `attachment(kind, id)`: it serves only the kinds the contract gives it."""
    def attachment(kind, file_id):
        assert attachments.OWNERS[kind] == service, f"{kind} asked of {service}"
        filename, content_type, content = serve(kind, file_id)
        return {"filename": filename, "content_type": content_type,
                "content_base64": base64.b64encode(content).decode()}
    return attachment


@pytest.fixture
def sink(tmp_path):
    with SmtpSink(tmp_path / "mail") as running:
        yield running


@pytest.fixture
def sms(tmp_path):
    with FakeSmsProvider(tmp_path / "sms") as provider:
        yield provider


@pytest.fixture
def notify_db(fresh_db):
    return fresh_db("notify")


@pytest.fixture
def notify(notify_db, amqp_uri, sink, sms, container_factory):
    container = container_factory(NotifyService, {
        "SMS_PROVIDER_URL": sms.url, "SMS_PROVIDER_TOKEN": sms.token,
        "AMQP_URI": amqp_uri, "DB_URL": notify_db, "OPS_PORT": 0, "OUTBOX_SWEEP_SECONDS": 0.2,
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": sink.port, "MAIL_FROM": "Gaziemir Belediyesi <hi@gaziemir.bel.tr>",
        "DELIVERY_BACKOFF_SECONDS": 0.5, "DELIVERY_MAX_ATTEMPTS": 30, "WEBHOOK_MASTER_KEY": "test-webhook-key",
        "WEBHOOK_ALLOW_HTTP": "true", "SENDING_TIMEOUT_SECONDS": 2,
        # a development system: the test's webhook receivers on this machine are on the outbound allow-list
        "PLATFORM_ENV": "development", "OUTBOUND_ALLOW": "127.0.0.1"})
    intake = replace_dependencies(container, "intake_rpc")
    intake.attachment.side_effect = owner("intake", lambda kind, file_id: (
        "alindi-belgesi.pdf", "application/pdf", RECEIPT))
    routing = replace_dependencies(container, "routing_rpc")
    routing.attachment.side_effect = owner("routing", lambda kind, file_id: (
        "harcama-tablosu.pdf", "application/pdf", ANSWER_FILE))
    press = replace_dependencies(container, "press_rpc")
    press.attachment.side_effect = owner("press", press_file)
    container.start()
    return container


@pytest.fixture
def query(notify_db):
    def run(sql, *params):
        conn = psycopg2.connect(notify_db)
        try:
            with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                cur.execute(sql, params)
                return cur.fetchall() if cur.description else []
        finally:
            conn.commit()
            conn.close()
    return run
