"""The API docs page: Swagger UI served from the `swagger-ui-bundle` package, no CDN needed."""
import mimetypes
from pathlib import Path

import swagger_ui_bundle
from werkzeug.wrappers import Response

ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
ALLOWED_ASSETS = {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                  "favicon-32x32.png", "favicon-16x16.png", "index.css"}

PAGE = """<!doctype html>
<html lang="tr"><head><meta charset="utf-8"><title>API belgeleri — Halkla İlişkiler Platformu</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: "/api/openapi.json", dom_id: "#swagger-ui"});</script>
</body></html>"""


def page():
    return Response(PAGE, mimetype="text/html")


def asset(name):
    """A Swagger UI file, or None for anything not on the list (no path traversal)."""
    if name not in ALLOWED_ASSETS:
        return None
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Response((ASSETS / name).read_bytes(), mimetype=mimetype,
                    headers={"Cache-Control": "public, max-age=86400"})
