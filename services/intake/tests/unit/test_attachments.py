"""An application's attachments are checked by their content, and kept under a safe base name."""
import base64

import pytest

from intake.exceptions import InvalidSubmission
from intake.submission import _decode_attachments
from tests.support import files

HTML = b"<!doctype html><html><body><form action='https://kotu.example'>TC Kimlik No</form></body></html>"


def upload(content, filename="ek.pdf", content_type="application/pdf"):
    return {"filename": filename, "content_type": content_type, "content_base64": base64.b64encode(content).decode()}


@pytest.mark.parametrize("content", [HTML, b"%PDF-1.4 yalnizca ilk baytlari PDF", b"\xff\xd8\xff\xe0 JPEG"])
def test_a_file_that_is_not_the_pdf_it_claims_is_refused_beside_its_field(content):
    with pytest.raises(InvalidSubmission) as refused:
        _decode_attachments([upload(files.pdf()), upload(content)])
    assert refused.value.args[0] == {"attachments": {1: {"content_base64": [
        "Dosyanın içeriği bildirilen türe (application/pdf) uymuyor."]}}}


def test_a_real_pdf_is_kept_under_its_base_name_only():
    pdf = files.pdf()
    assert _decode_attachments([upload(pdf, filename="../../cevap.pdf")]) == [("cevap.pdf", "application/pdf", pdf)]
    assert _decode_attachments([upload(pdf, filename="..\\..\\cevap.pdf")])[0][0] == "cevap.pdf"
