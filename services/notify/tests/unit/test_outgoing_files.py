"""What notify sends or prints of an answer's files: only files that are what they say, under a safe base
name; the post room prints a letter even when a stored file is bad."""
import base64
import contextlib
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from contracts import attachments
from notify import email_channel, post_room, sender
from notify.failures import PermanentFailure
from tests.support import files

HTML = b"<!doctype html><html><body><a href='https://kotu.example'>Cevap</a></body></html>"
NOT_A_PDF = b"%PDF-1.4 yalnizca ilk baytlari PDF"
SETTINGS = email_channel.SmtpSettings(host="127.0.0.1", port=1, sender="halklailiskiler@gaziemir.bel.tr")


def owners(serve, asked=None):
    """Stand-ins for intake, routing and press, each offering `attachment(kind, id)` and nothing else."""
    def owner(service):
        def attachment(kind, file_id):
            if asked is not None:
                asked.append((service, kind, file_id))
            filename, content_type, content = serve(kind, file_id)
            return {"filename": filename, "content_type": content_type,
                    "content_base64": base64.b64encode(content).decode()}
        return SimpleNamespace(attachment=attachment)
    return {service: owner(service) for service in ("intake", "routing", "press")}


def routing_serving(filename, content, content_type="application/pdf"):
    return sender.attachment_fetcher(owners(lambda kind, file_id: (filename, content_type, content)))


def fetched(filename, content):
    return sender.referenced(routing_serving(filename, content), {"id": "f1", "filename": filename})


def test_each_file_is_asked_of_the_service_that_keeps_it_by_its_kind():
    asked = []
    pdf = files.pdf()
    fetch = sender.attachment_fetcher(owners(lambda kind, file_id: (f"{kind}.pdf", "application/pdf", pdf), asked))
    assert fetch(attachments.RECEIPT_PDF, "a1") == ("receipt_pdf.pdf", "application/pdf", pdf)
    fetch(attachments.ANSWER_FILE, "f1")
    fetch(attachments.ISSUE_PDF, "i1")
    sender.referenced(fetch, {"id": "f2", "filename": "cevap.pdf"})  # queued before files were named by kind
    assert asked == [("intake", "receipt_pdf", "a1"), ("routing", "answer_file", "f1"), ("press", "issue_pdf", "i1"),
                     ("routing", "answer_file", "f2")]
    with pytest.raises(PermanentFailure, match="bilinmeyen ek türü"):
        fetch("tapu_senedi", "t1")


@pytest.mark.parametrize("content", [HTML, NOT_A_PDF])
def test_a_stored_file_that_is_not_the_pdf_it_claims_is_not_mailed(content):
    with pytest.raises(PermanentFailure, match="türüne uymuyor: cevap.pdf"):
        fetched("../../cevap.pdf", content)


def test_a_real_pdf_goes_out_under_its_base_name_only():
    pdf = files.pdf()
    assert fetched("../../cevap.pdf", pdf) == ("cevap.pdf", "application/pdf", pdf)
    message = email_channel.compose(SETTINGS, "ayse@example.org", "Cevap", "Ekte.",
                                    [("..\\..\\cevap.pdf", "application/pdf", pdf)])
    [part] = message.iter_attachments()
    assert part.get_filename() == "cevap.pdf"


class FakeStore:
    @contextlib.contextmanager
    def transaction(self):
        yield SimpleNamespace(cursor=None)


def waiting_letter(monkeypatch):
    message = {"id": "n1", "application_id": "a1", "case_id": "c1", "tracking_number": "GZM-2026-000042",
               "created_at": dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.timezone.utc), "subject": "Cevabınız",
               "body": "Sayın Ayşe Yılmaz,\n\nCevabımız ektedir.", "full_name": "Ayşe Yılmaz",
               "postal_address": "Sarnıç Mah. 1 Sok. No 2", "attach_receipt": False, "status": "post",
               "attachments": [{"id": "f1", "filename": "../../cevap.pdf"}]}
    monkeypatch.setattr(post_room.storage, "post_letter", lambda cur, notification_id, lock=False: message)


@pytest.mark.parametrize("content", [HTML, NOT_A_PDF])
def test_the_post_room_prints_the_letter_without_a_file_that_is_not_a_pdf(monkeypatch, content):
    waiting_letter(monkeypatch)
    printed = post_room.printable(FakeStore(), "n1", ["GAZİEMİR BELEDİYESİ"],
                                  routing_serving("../../cevap.pdf", content))
    pages = PdfReader(io.BytesIO(printed)).pages
    assert len(pages) == 1 and "1. cevap.pdf" in pages[0].extract_text()


def test_the_post_room_prints_the_letter_with_a_real_pdf_behind_it(monkeypatch):
    waiting_letter(monkeypatch)
    printed = post_room.printable(FakeStore(), "n1", [], routing_serving("cevap.pdf", files.pdf(pages=2)))
    assert len(PdfReader(io.BytesIO(printed)).pages) == 3


def test_a_subject_with_a_line_break_goes_out_on_one_line_without_an_added_header():
    message = email_channel.compose(SETTINGS, "ayse@example.org", "Davet: Cumhuriyet Bayramı\r\nBcc: herkes@example.org",
                                    "Davetlisiniz.")
    assert message["Subject"] == "Davet: Cumhuriyet Bayramı Bcc: herkes@example.org"
    assert message["Bcc"] is None and b"\nBcc:" not in message.as_bytes()
