"""A stand-in for an SMS provider's HTTP API, for tests only (the real provider is outside our
control): `python -m tests.support.fake_sms FOLDER PORT TOKEN`. Each accepted message is written to
FOLDER as JSON; a number ending in 0000 is refused (400), a wrong token gets 401."""
import json
import pathlib
import sys
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def serve(folder, port, token):
    folder = pathlib.Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    class Provider(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            if self.headers.get("Authorization") != f"Bearer {token}":
                return self._answer(401, {"error": "unauthorised"})
            if not str(body.get("to", "")).isdigit() or body["to"].endswith("0000"):
                return self._answer(400, {"error": "invalid number"})
            message_id = uuid.uuid4().hex
            (folder / f"{message_id}.json").write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
            return self._answer(200, {"id": message_id})

        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", int(port)), Provider).serve_forever()


if __name__ == "__main__":
    serve(*sys.argv[1:4])
