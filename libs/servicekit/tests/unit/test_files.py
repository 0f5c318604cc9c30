"""Files are what their bytes are, not what they are declared to be; their names are base names."""
import io
import zipfile

import pytest
from pypdf import PdfWriter

from servicekit import files

HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def real_pdf():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def test_a_real_pdf_jpeg_png_and_word_file_are_what_they_say():
    assert files.mismatch(real_pdf(), "application/pdf") is None
    assert files.mismatch(JPEG, "image/jpeg") is None
    assert files.mismatch(PNG, "image/png") is None
    assert files.mismatch(docx(), files.OFFICE_TYPES[0]) is None
    for brand in (b"isom", b"mp42", b"avc1", b"M4V "):  # an MP4 from any phone
        assert files.mismatch(b"\x00\x00\x00\x18ftyp" + brand + b"\x00" * 64, "video/mp4") is None
    assert files.mismatch(HTML, "video/mp4") is not None


@pytest.mark.parametrize("content, declared", [
    (HTML, "application/pdf"),                      # a web page declared as a PDF
    (b"%PDF-1.4 this is not a pdf at all", "application/pdf"),  # only the first bytes of one
    (b"%PDF-1.7\n" + b"%" * 2048, "application/pdf"),
    (JPEG, "application/pdf"),
    (real_pdf(), "image/png"),
    (HTML, "image/jpeg"),
    (b"", "application/pdf"),
])
def test_a_file_that_is_not_what_it_says_is_refused_in_turkish(content, declared):
    reason = files.mismatch(content, declared)
    assert reason in (f"Dosyanın içeriği bildirilen türe ({declared}) uymuyor.", "Dosya boş.")
    assert not files.content_matches(content, declared)


@pytest.mark.parametrize("name, safe", [
    ("../../cevap.pdf", "cevap.pdf"),
    ("..\\..\\windows\\cevap.pdf", "cevap.pdf"),
    ("/etc/passwd", "passwd"),
    ("cevap\r\nX-Evil: 1.pdf", "cevapX-Evil: 1.pdf"),
    ("..", "dosya"),
    ("a/b/", "dosya"),
    ("", "dosya"),
    (None, "dosya"),
    ("  yazı ekim.pdf ", "yazı ekim.pdf"),
])
def test_file_names_are_reduced_to_a_safe_base_name(name, safe):
    assert files.safe_filename(name) == safe


def test_a_long_name_is_cut():
    assert len(files.safe_filename("a" * 500 + ".pdf")) == files.MAX_NAME
