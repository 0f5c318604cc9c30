"""What notify sends or prints of an answer's files: only files that are what they say, under a safe base
name; the post room prints a letter even when a stored file is bad."""
import base64
import contextlib
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from notify import email_channel, post_room, sender
from notify.failures import PermanentFailure
from tests.support import files

HTML = b"<!doctype html><html><body><a href='https://kotu.example'>Cevap</a></body></html>"
NOT_A_PDF = b"%PDF-1.4 yalnizca ilk baytlari PDF"
SETTINGS = email_channel.SmtpSettings(host="127.0.0.1", port=1, sender="halklailiskiler@gaziemir.bel.tr")


def routing_serving(filename, content, content_type="application/pdf"):
    """A stand-in for routing's `answer_attachment` RPC."""
    def answer_attachment(case_id, attachment_id):
        return {"filename": filename, "content_type": content_type,
                "content_base64": base64.b64encode(content).decode()}
    return SimpleNamespace(answer_attachment=answer_attachment)


def fetched(filename, content):
    fetch = sender.file_fetcher(routing_serving(filename, content), press_rpc=None)
    return fetch({"case_id": "c1"}, {"id": "f1", "filename": filename})


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
    printed = post_room.printable(FakeStore(), "n1", ["GAZİEMİR BELEDİYESİ"], None,
                                  sender.file_fetcher(routing_serving("../../cevap.pdf", content), None))
    pages = PdfReader(io.BytesIO(printed)).pages
    assert len(pages) == 1 and "1. cevap.pdf" in pages[0].extract_text()


def test_the_post_room_prints_the_letter_with_a_real_pdf_behind_it(monkeypatch):
    waiting_letter(monkeypatch)
    printed = post_room.printable(FakeStore(), "n1", [], None,
                                  sender.file_fetcher(routing_serving("cevap.pdf", files.pdf(pages=2)), None))
    assert len(PdfReader(io.BytesIO(printed)).pages) == 3


def test_a_subject_with_a_line_break_goes_out_on_one_line_without_an_added_header():
    message = email_channel.compose(SETTINGS, "ayse@example.org", "Davet: Cumhuriyet Bayramı\r\nBcc: herkes@example.org",
                                    "Davetlisiniz.")
    assert message["Subject"] == "Davet: Cumhuriyet Bayramı Bcc: herkes@example.org"
    assert message["Bcc"] is None and b"\nBcc:" not in message.as_bytes()
