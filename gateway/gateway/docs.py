"""The API docs page: Swagger UI served from the `swagger-ui-bundle` package, no CDN needed.

The page runs only the bundle served here and its own start-up script, talks only to this gateway,
and no other site may frame it (Content-Security-Policy and X-Frame-Options).
"""
import base64
import hashlib
import mimetypes
from pathlib import Path

import swagger_ui_bundle
from werkzeug.wrappers import Response

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
ALLOWED_ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                  "favicon-32x32.png", "favicon-16x16.png", "index.css"}

# no validator badge: it would send the document to an outside site
SCRIPT = 'window.ui = SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#swagger-ui", validatorUrl: null});'
PAGE = f"""<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>API belgeleri — Halkla İlişkiler Platformu</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>{SCRIPT}</script>
</body></html>"""


def _sha256(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


# Swagger UI sets inline styles on its elements and shows its icons as data: images
HEADERS = {
    "Content-Security-Policy": f"default-src 'none'; script-src 'self' {_sha256(SCRIPT)}; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def page():
    return Response(PAGE, mimetype="text/html", headers=HEADERS)


def asset(name):
    """A Swagger UI file, or None for anything not on the list (no path traversal)."""
    if name not in ALLOWED_ASSETS:
        return None
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response((ASSETS / name).read_bytes(), mimetype=mimetype,
                    headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})
