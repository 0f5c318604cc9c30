"""The receipt PDF, checked through the text a reader of the PDF sees."""

import datetime as dt
import io
import os
import re
import sys
from pathlib import Path

import pytest

try:
    from intake import receipt as receipt_mod
except ImportError:  # run from a checkout without the service installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from intake import receipt as receipt_mod

from pypdf import PdfReader

from intake.receipt import ReceiptFontMissing, render_receipt
from servicekit import pdf as pdfkit

UTC = dt.timezone.utc

SUBJECT = (
    "Sokağımızdaki çöp konteynerleri iki haftadır boşaltılmıyor; "
    "ışıklandırma da çalışmıyor. Görevlilerin ilgisini rica ederim."
)
LOOKUP_HINT = (
    "Başvurunuzu takip numarası ve size verilen gizli kod ile "
    "belediyenin internet sitesinden izleyebilirsiniz."
)


def make_receipt(**overrides):
    data = {
        "municipality": "Gaziemir Belediyesi",
        "directorate": "Basın Yayın ve Halkla İlişkiler Müdürlüğü",
        "tracking_number": "GZM-2026-000123",
        "received_at": dt.datetime(2026, 11, 26, 11, 5, tzinfo=UTC),
        "channel_label": "CİMER",
        "type_label": "Şikâyet",
        "subject": SUBJECT,
        "status_label": "Alındı",
        "reasons": [],
        "lookup_hint": LOOKUP_HINT,
    }
    data.update(overrides)
    return data


def pdf_text(pdf: bytes) -> str:
    """The text of all pages, without each page's footer (tracking number and
    page number), so that a paragraph running over a page break reads on."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text() or ""
        footer = re.compile(r"^\s*\S+\s*\n\s*Sayfa %d\s*\n" % number)
        assert footer.search(text), "page %d has no footer" % number
        pages.append(footer.sub("", text, count=1))
    return "\n".join(pages)


def flat(text: str) -> str:
    """Whitespace (including line breaks from wrapping) collapsed to one space."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def default_font_env(monkeypatch):
    monkeypatch.delenv("PDF_FONT_PATH", raising=False)
    if not os.path.isfile(pdfkit.DEFAULT_FONT_PATH):
        pytest.fail(
            "fonts-dejavu-core is needed for the receipt: "
            "apt-get install fonts-dejavu-core"
        )


def test_is_a_pdf_with_title_tracking_number_and_turkish_text(default_font_env):
    pdf = render_receipt(make_receipt())
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")

    text = flat(pdf_text(pdf))
    assert "BAŞVURU ALINDI BELGESİ" in text
    assert "GZM-2026-000123" in text
    assert "Gaziemir Belediyesi" in text
    assert "Basın Yayın ve Halkla İlişkiler Müdürlüğü" in text
    assert "CİMER" in text
    assert "Şikâyet" in text
    assert "Alındı" in text
    # ş, ğ, ı, ç, ö, ü survive as themselves, not as boxes or look-alikes
    assert SUBJECT in text
    assert LOOKUP_HINT in text
    assert (
        "Kişisel verileriniz 3071 ve 4982 sayılı Kanunlar gereğince başvurunuzun "
        "sonuçlandırılması amacıyla işlenmektedir." in text
    )


def test_received_at_printed_in_istanbul_time(default_font_env):
    text = flat(pdf_text(render_receipt(make_receipt())))
    assert "26.11.2026 14:05" in text  # 11:05 UTC
    assert "26.11.2026 11:05" not in text


def test_late_utc_evening_is_next_day_in_istanbul(default_font_env):
    late = dt.datetime(2026, 3, 13, 23, 30, tzinfo=UTC)
    text = flat(pdf_text(render_receipt(make_receipt(received_at=late))))
    assert "14.03.2026 02:30" in text
    assert "13.03.2026" not in text


def test_naive_received_at_is_refused(default_font_env):
    with pytest.raises(ValueError):
        render_receipt(make_receipt(received_at=dt.datetime(2026, 3, 13, 23, 30)))


def test_reasons_heading_absent_without_reasons(default_font_env):
    text = flat(pdf_text(render_receipt(make_receipt(reasons=[]))))
    assert "İşleme konulmama gerekçeleri" not in text


def test_reasons_listed_under_heading_when_given(default_font_env):
    reasons = [
        "Başvuru sahibinin adı ve adresi belirtilmemiştir.",
        "Başvuru konusu yargı mercilerinin görev alanındadır.",
    ]
    pdf = render_receipt(
        make_receipt(status_label="İşleme konulmadı", reasons=reasons)
    )
    text = flat(pdf_text(pdf))
    assert "İşleme konulmadı" in text
    assert "İşleme konulmama gerekçeleri" in text
    heading_at = text.index("İşleme konulmama gerekçeleri")
    for reason in reasons:
        assert reason in text
        assert text.index(reason) > heading_at


def test_markup_characters_in_subject_are_printed_literally(default_font_env):
    subject = "Fiyat <b>yüksek</b> & sıra uzun"
    text = flat(pdf_text(render_receipt(make_receipt(subject=subject))))
    assert subject in text


def test_secret_code_is_not_invented(default_font_env):
    data = make_receipt(secret_code="ZX9-SECRET")
    text = flat(pdf_text(render_receipt(data)))
    assert "ZX9-SECRET" not in text


def test_long_subject_wraps_without_losing_words(default_font_env):
    words = [
        "Mahallemizdeki", "parkın", "aydınlatması", "uzun", "süredir", "arızalı;",
        "akşamları", "çocuklar", "ve", "yaşlılar", "güvenle", "yürüyemiyor.",
        "Ağaçların", "budanması", "ile", "çöp", "kutularının", "düzenli",
        "boşaltılması", "da", "gerekiyor.",
    ]
    numbered = [f"{w}{i}" for i in range(40) for w in words[i % 3:i % 3 + 6]]
    subject = " ".join(numbered)
    pdf = render_receipt(make_receipt(subject=subject))
    raw = pdf_text(pdf)

    # every word is on the page(s), in order
    assert subject in flat(raw)
    # and the text was actually wrapped over many lines, not one long run
    # going off the page
    subject_lines = [line for line in raw.splitlines() if numbered[0] in line
                     or any(w in line for w in numbered[1:])]
    assert len(subject_lines) > 5
    reader = PdfReader(io.BytesIO(pdf))
    page_width = float(reader.pages[0].mediabox.width)
    assert page_width == pytest.approx(595.28, abs=0.5)  # A4


def test_very_long_subject_flows_onto_further_pages(default_font_env):
    sentence = "Çağrı merkezine ulaşılamıyor, şikâyetim işleme alınsın. "
    subject = (sentence * 400).strip()
    pdf = render_receipt(make_receipt(subject=subject))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    text = flat(pdf_text(pdf))
    assert subject in text
    assert text.count("Çağrı merkezine ulaşılamıyor") == 400
    # the subject starts on the first page, right after the details
    first_page = flat(reader.pages[0].extract_text())
    assert "Başvuru konusu Çağrı merkezine" in first_page
    assert "Sayfa %d" % len(reader.pages) in flat(
        reader.pages[-1].extract_text()
    )


def test_same_input_gives_identical_bytes(default_font_env):
    data = make_receipt(reasons=["Eksik bilgi."])
    assert render_receipt(data) == render_receipt(dict(data))
    assert render_receipt(data, compress=False) == render_receipt(
        dict(data), compress=False
    )


def test_uncompressed_output_reads_the_same(default_font_env):
    data = make_receipt()
    pdf = render_receipt(data, compress=False)
    assert pdf.startswith(b"%PDF-")
    assert flat(pdf_text(pdf)) == flat(pdf_text(render_receipt(data)))


def test_metadata_title_has_tracking_number_and_no_personal_data(default_font_env):
    reader = PdfReader(io.BytesIO(render_receipt(make_receipt())))
    meta = reader.metadata
    assert meta.title == "Alındı Belgesi GZM-2026-000123"
    values = " ".join(str(v) for v in meta.values())
    assert "Sokağımızdaki" not in values
    assert "izleyebilirsiniz" not in values


def test_missing_font_argument_raises(tmp_path):
    missing = str(tmp_path / "yok.ttf")
    with pytest.raises(ReceiptFontMissing) as info:
        render_receipt(make_receipt(), font_path=missing)
    message = str(info.value)
    assert "fonts-dejavu-core" in message
    assert "PDF_FONT_PATH" in message


def test_missing_font_from_environment_raises(tmp_path, monkeypatch):
    monkeypatch.setenv("PDF_FONT_PATH", str(tmp_path / "yok.ttf"))
    with pytest.raises(ReceiptFontMissing):
        render_receipt(make_receipt())


def test_font_path_from_environment_is_used(tmp_path, monkeypatch, default_font_env):
    # a copy without a bold face beside it: regular face used for headings too
    font = tmp_path / "Kopya.ttf"
    font.write_bytes(Path(pdfkit.DEFAULT_FONT_PATH).read_bytes())
    monkeypatch.setenv("PDF_FONT_PATH", str(font))
    text = flat(pdf_text(render_receipt(make_receipt())))
    assert "BAŞVURU ALINDI BELGESİ" in text
    assert SUBJECT in text


def test_file_that_is_not_a_font_raises(tmp_path):
    bogus = tmp_path / "bozuk.ttf"
    bogus.write_bytes(b"not a font")
    with pytest.raises(ReceiptFontMissing):
        render_receipt(make_receipt(), font_path=str(bogus))
