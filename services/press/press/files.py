"""Files that arrive base64-encoded over RPC (photos, scans, PDFs): decoded, and their type checked
from their first bytes, not only from what the sender claims."""
import base64
import binascii
import os
import re

from servicekit.turkish import fold

from .exceptions import InvalidInput, NotFound

MB = 1024 * 1024
PHOTO_TYPES = ("image/jpeg", "image/png", "video/mp4")
SCAN_TYPES = ("image/jpeg", "image/png", "application/pdf")
PDF_TYPES = ("application/pdf",)
# Word, PowerPoint and Excel files: zip archives inside, so their first bytes are a zip's
OFFICE_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MAX_PHOTO_BYTES = 20 * MB
MAX_SCAN_BYTES = 20 * MB
MAX_PDF_BYTES = 50 * MB


def sniff(content):
    """The content type the bytes are, from their signature; None when none we know."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content[4:8] == b"ftyp":
        return "video/mp4"
    if content.startswith(b"PK\x03\x04"):
        return "application/zip"
    return None


def decode(upload, allowed, max_bytes, field="file"):
    """`(filename, content_type, bytes)` from `{"filename", "content_type", "content_base64"}`."""
    declared = upload["content_type"]
    if declared not in allowed:
        raise InvalidInput({field: [f"Dosya türü şunlardan biri olmalı: {', '.join(allowed)}."]})
    encoded = upload["content_base64"]
    # base64 is a third larger than its content: refuse the oversized before decoding it
    if len(encoded) > (max_bytes * 4) // 3 + 8:
        raise InvalidInput({field: [f"Dosya en fazla {max_bytes // MB} MB olabilir."]})
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidInput({field: ["Dosya içeriği geçerli base64 değil."]}) from None
    if not content:
        raise InvalidInput({field: ["Dosya boş."]})
    if len(content) > max_bytes:
        raise InvalidInput({field: [f"Dosya en fazla {max_bytes // MB} MB olabilir."]})
    found = sniff(content)
    if found != declared and not (declared in OFFICE_TYPES and found == "application/zip"):
        raise InvalidInput({field: [f"Dosyanın içeriği bildirilen türe ({declared}) uymuyor."]})
    return safe_filename(upload["filename"]), declared, content


def safe_filename(name):
    """The last path component only, so a name cannot point anywhere when it is saved."""
    name = os.path.basename(str(name).replace("\\", "/")).strip() or "dosya"
    return name[:200]


def slug(title):
    """A file name from a Turkish title: `Gaziemir Bülten` → `gaziemir-bulten`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-") or "dosya"


def encoded(filename, content_type, content, what="Dosya"):
    """What `attachment` answers: `{"filename", "content_type", "content_base64"}`."""
    if content is None:
        raise NotFound(f"{what} bulunamadı.")
    return {"filename": filename, "content_type": content_type,
            "content_base64": base64.b64encode(bytes(content)).decode()}
