"""Files that arrive base64-encoded over RPC (photos, scans, PDFs): decoded, and their type checked
by their content (`servicekit.files`), not only from what the sender claims."""
import base64
import binascii
import re

from servicekit import files
from servicekit.turkish import fold

from .exceptions import InvalidInput, NotFound

MB = 1024 * 1024
PHOTO_TYPES = ("image/jpeg", "image/png", "video/mp4")
SCAN_TYPES = ("image/jpeg", "image/png", "application/pdf")
PDF_TYPES = ("application/pdf",)
OFFICE_TYPES = files.OFFICE_TYPES
MAX_PHOTO_BYTES = 20 * MB
MAX_SCAN_BYTES = 20 * MB
MAX_PDF_BYTES = 50 * MB


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
    refused = files.mismatch(content, declared)
    if refused:
        raise InvalidInput({field: [refused]})
    return safe_filename(upload["filename"]), declared, content


safe_filename = files.safe_filename


def slug(title):
    """A file name from a Turkish title: `Gaziemir Bülten` → `gaziemir-bulten`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-") or "dosya"


def encoded(filename, content_type, content, what="Dosya"):
    """What `attachment` answers: `{"filename", "content_type", "content_base64"}`."""
    if content is None:
        raise NotFound(f"{what} bulunamadı.")
    return {"filename": filename, "content_type": content_type,
            "content_base64": base64.b64encode(bytes(content)).decode()}
