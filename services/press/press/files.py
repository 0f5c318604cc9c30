"""Files that arrive base64-encoded over RPC (photos, scans, PDFs): decoded, and their type checked
by their content (`servicekit.files`), not only from what the sender claims."""
import base64
import binascii
import re

from contracts.press_inputs import (MAX_PDF_BYTES, MAX_PHOTO_BYTES, MAX_SCAN_BYTES, MB, OFFICE_TYPES,  # noqa: F401
                                   PDF_TYPES, PHOTO_TYPES, SCAN_TYPES)
from servicekit import files
from servicekit.turkish import fold

from .exceptions import InvalidInput, NotFound


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
