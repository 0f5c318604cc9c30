"""Another system's webhook endpoint, for tests: `python -m tests.support.webhook_receiver FOLDER PORT`.
Every POST is written to FOLDER (headers and raw body) and answered 200."""
import base64
import json
import pathlib
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(folder, port):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            record = {"path": self.path, "headers": dict(self.headers.items()),
                      "body_base64": base64.b64encode(body).decode()}
            (folder / f"{uuid.uuid4().hex}.json").write_text(json.dumps(record), encoding="utf-8")
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", int(port)), Receiver).serve_forever()


if __name__ == "__main__":
    serve(*sys.argv[1:3])
