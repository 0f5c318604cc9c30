"""A service's file as a download: `{"filename", "content_type", "content_base64"}` (contacts' exports and
printouts, press's files) as the bytes with their type and a safe file name."""
import base64
import re

from werkzeug.wrappers import Response


def file_response(document, inline=False, headers=None):
    """The file, its type as the service set it (a CSV keeps its charset and BOM); `inline` for a PDF to open
    and print."""
    filename = re.sub(r"[^A-Za-z0-9._-]", "_", document["filename"]) or "dosya"
    disposition = "inline" if inline else "attachment"
    return Response(base64.b64decode(document["content_base64"]), content_type=document["content_type"],
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"',
                             "Cache-Control": "no-store", **(headers or {})})
