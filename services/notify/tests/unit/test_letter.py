"""The printable letter, checked through the text a reader of the PDF sees."""
import datetime as dt
import io

from pypdf import PdfReader

from notify.letter import render_letter

LETTER = {
    "letterhead": ["T.C.", "GAZİEMİR BELEDİYESİ BAŞKANLIĞI", "Basın Yayın ve Halkla İlişkiler Müdürlüğü"],
    "tracking_number": "GZM-2026-000042",
    "date": dt.datetime(2026, 11, 26, 22, 30, tzinfo=dt.timezone.utc),
    "subject": "Bilgi edinme başvurunuzun cevabı",
    "addressee": {"full_name": "Şükrü Işıkoğlu", "postal_address": "Sarnıç Mah. 1203 Sok. No: 7\nGaziemir / İZMİR"},
    "body": "Sayın Şükrü Işıkoğlu,\n\nİstediğiniz bilgi ekte sunulmuştur.\n\nGaziemir Belediyesi",
    "attachments": ["harcama-tablosu.pdf"],
}


def text_of(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_letter_reads_as_an_official_letter_with_turkish_letters_intact():
    text = text_of(render_letter(LETTER))
    for expected in ("GAZİEMİR BELEDİYESİ BAŞKANLIĞI", "Şükrü Işıkoğlu", "Gaziemir / İZMİR",
                     "Sayı: GZM-2026-000042", "Konu: Bilgi edinme başvurunuzun cevabı",
                     "İstediğiniz bilgi ekte sunulmuştur.", "1. harcama-tablosu.pdf"):
        assert expected in text


def test_letter_is_dated_in_istanbul_time():
    # 22:30 UTC on the 26th is already the 27th in Istanbul
    assert "Tarih: 27.11.2026" in text_of(render_letter(LETTER))


def test_a_long_answer_flows_onto_further_pages_with_the_number_on_each():
    long_letter = dict(LETTER, body="\n\n".join(["Bu paragraf cevabın bir parçasıdır. " * 12] * 30))
    pages = PdfReader(io.BytesIO(render_letter(long_letter))).pages
    assert len(pages) > 1
    assert all("GZM-2026-000042" in page.extract_text() for page in pages)


def test_markup_in_the_text_is_printed_not_interpreted():
    text = text_of(render_letter(dict(LETTER, body="<b>kalın değil</b> & <font>")))
    assert "<b>kalın değil</b> & <font>" in text


def test_same_letter_gives_the_same_bytes():
    assert render_letter(LETTER) == render_letter(LETTER)
