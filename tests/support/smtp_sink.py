"""A real SMTP server for tests (aiosmtpd, in its own process), whose mail a test can read; it can
be stopped and started again to play a mail server that is down for a while."""
import email
import email.policy
import socket
import subprocess
import sys
import time
from pathlib import Path

from .net import free_port

ROOT = Path(__file__).resolve().parents[2]


class SmtpSink:
    def __init__(self, folder, port=None):
        self.folder = Path(folder)
        self.port = port or free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-c", "tests.support.smtp_handler.Sink", str(self.folder),
             "-l", f"127.0.0.1:{self.port}"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the SMTP sink did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def messages(self):
        """Every message received so far, parsed (`email.message.EmailMessage`)."""
        if not self.folder.exists():
            return []
        return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                for path in sorted(self.folder.glob("*.eml"), key=lambda p: p.stat().st_mtime)]

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class FakeSmsProvider:
    """`tests.support.fake_sms` in its own process; `messages()` are the SMS it accepted."""

    def __init__(self, folder, token="test-token"):
        self.folder, self.token, self.port = Path(folder), token, free_port()
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/send"

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.support.fake_sms", str(self.folder),
                                         str(self.port), self.token], cwd=ROOT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the fake SMS provider did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)

    def messages(self):
        import json

        if not self.folder.exists():
            return []
        return [json.loads(path.read_text(encoding="utf-8"))
                for path in sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)]


class WebhookReceiver:
    """`tests.support.webhook_receiver` in its own process, which can be stopped and started again."""

    def __init__(self, folder):
        self.folder, self.port, self.process = Path(folder), free_port(), None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/olaylar"

    def start(self):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.support.webhook_receiver", str(self.folder),
                                         str(self.port)], cwd=ROOT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the webhook receiver did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def received(self):
        """(headers, raw body) of every delivery so far."""
        import base64
        import json

        if not self.folder.exists():
            return []
        records = [json.loads(p.read_text(encoding="utf-8"))
                   for p in sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)]
        return [(r["headers"], base64.b64decode(r["body_base64"])) for r in records]
