"""Stand-ins for the world outside the platform, each a real server in its own process: an SMTP
server (aiosmtpd), an SMS provider's HTTP API and another system's webhook endpoint. Each can be
stopped and started again to play a peer that is down for a while."""
import abc
import base64
import email
import email.policy
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from .net import free_port

ROOT = Path(__file__).resolve().parents[2]


class Peer(abc.ABC):
    """A server process on a free local port: `start()` waits until it accepts connections."""

    def __init__(self, folder, port=None):
        self.folder = Path(folder)
        self.port = port or free_port()
        self.process = None

    @abc.abstractmethod
    def argv(self):
        """The command that runs this peer."""

    def start(self):
        self.process = subprocess.Popen(self.argv(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{type(self).__name__} did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def _records(self, pattern):
        if not self.folder.exists():
            return []
        return sorted(self.folder.glob(pattern), key=lambda path: path.stat().st_mtime)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class SmtpSink(Peer):
    """A real SMTP server; `messages()` are the e-mails it accepted, parsed."""

    def argv(self):
        return [sys.executable, "-m", "aiosmtpd", "-n", "-c", "tests.support.smtp_handler.Sink", str(self.folder),
                "-l", f"127.0.0.1:{self.port}"]

    def messages(self):
        return [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                for path in self._records("*.eml")]


class FakeSmsProvider(Peer):
    """`tests.support.fake_sms`; `messages()` are the SMS it accepted."""

    def __init__(self, folder, token="test-token"):
        super().__init__(folder)
        self.token = token

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/send"

    def argv(self):
        return [sys.executable, "-m", "tests.support.fake_sms", str(self.folder), str(self.port), self.token]

    def messages(self):
        return [json.loads(path.read_text(encoding="utf-8")) for path in self._records("*.json")]


class WebhookReceiver(Peer):
    """`tests.support.webhook_receiver`; `received()` are (headers, raw body) of each delivery."""

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/olaylar"

    def argv(self):
        return [sys.executable, "-m", "tests.support.webhook_receiver", str(self.folder), str(self.port)]

    def received(self):
        records = [json.loads(path.read_text(encoding="utf-8")) for path in self._records("*.json")]
        return [(record["headers"], base64.b64decode(record["body_base64"])) for record in records]
