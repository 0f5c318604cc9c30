"""Files that come from outside (applications' attachments, answers' files, photos, scans, PDFs): their
type is what their bytes are, never only what the sender declares, and their name is a safe base name.

The type is read from the content's signature by `filetype`; a PDF must also open with `pypdf` (a file
that only starts with `%PDF-` is not one). Every service checks files with these functions.
"""
import io
import logging
import os

import filetype
from pypdf import PdfReader

# Word, PowerPoint and Excel files, as the contract names them (a press conference's materials): zip archives
# inside; an older detector may see only the zip
from contracts.press_inputs import OFFICE_TYPES

PDF = "application/pdf"
ZIP = "application/zip"
MP4 = "video/mp4"
MAX_NAME = 200
DEFAULT_NAME = "dosya"

# pypdf reports what it repairs in a damaged file as warnings: not worth a log line per file
logging.getLogger("pypdf").setLevel(logging.ERROR)


def sniff(content):
    """The content type the bytes are, from their signature; None when none is known."""
    if not content:
        return None
    return filetype.guess_mime(bytes(content[:8192]))


def is_pdf(content):
    """True when the bytes open as a PDF with at least one page."""
    try:
        return len(PdfReader(io.BytesIO(bytes(content))).pages) > 0
    except Exception:  # noqa: BLE001 (pypdf raises many kinds of errors on a broken file)
        return False


def content_matches(content, declared):
    """True when `content` is a file of the `declared` type."""
    found = sniff(content)
    if declared in OFFICE_TYPES:
        return found in (declared, ZIP)
    if declared == PDF:
        return found == PDF and is_pdf(content)
    if declared == MP4:
        # any ISO base media file (an `ftyp` box first): filetype knows only some of the brands phones write
        return found == MP4 or bytes(content[4:8]) == b"ftyp"
    return found is not None and found == declared


def mismatch(content, declared):
    """The Turkish reason `content` is refused as `declared`, or None when it is what it says."""
    if not content:
        return "Dosya boş."
    if content_matches(content, declared):
        return None
    return f"Dosyanın içeriği bildirilen türe ({declared}) uymuyor."


def safe_filename(name, default=DEFAULT_NAME):
    """The last path component only, without control characters, so a name can neither point anywhere
    when it is saved nor break a header it is written into; `default` when nothing is left."""
    text = "".join(ch for ch in str(name or "") if ord(ch) >= 32 and ord(ch) != 127)
    text = os.path.basename(text.replace("\\", "/")).strip()
    if text in ("", ".", ".."):
        return default
    return text[:MAX_NAME]
