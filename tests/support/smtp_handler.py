"""The handler of the test SMTP sink (run by aiosmtpd in its own process): stores each message as a
file; refuses recipients at `yok.example` with a permanent 550, as a real server refuses an address."""
import pathlib
import uuid


class Sink:
    def __init__(self, folder):
        self.folder = pathlib.Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@yok.example"):
            return "550 5.1.1 Alici adresi yok"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        target = self.folder / f"{uuid.uuid4().hex}.eml"
        target.write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted"
