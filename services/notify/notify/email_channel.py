"""E-mail over a real SMTP conversation: UTF-8 subjects and bodies, attachments, STARTTLS and
credentials when configured. Failures are sorted into temporary (try again later) and permanent."""
import smtplib
import socket
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from servicekit.files import safe_filename

from .failures import PermanentFailure, TemporaryFailure


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    starttls: bool = False
    username: str = ""
    password: str = ""
    timeout: float = 20.0


def compose(settings, recipient, subject, body, attachments=(), message_id=None):
    """An RFC 5322 message; `attachments` are (filename, content_type, bytes). `message_id` (our
    notification's id) stays the same on every attempt, so a copy repeated by a crash between the
    server's acceptance and our record of it can be recognised as the same message."""
    domain = settings.sender.rsplit("@", 1)[-1].rstrip(">") or None
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = recipient
    # a header is one line: a line break that slipped into a title before the schemas refused it (or came
    # from a news feed) must not leave the message failing in the queue, nor add a header
    message["Subject"] = " ".join(str(subject).split())
    message["Message-ID"] = f"<{message_id}@{domain}>" if message_id and domain else make_msgid(domain=domain)
    message.set_content(body, charset="utf-8")
    for filename, content_type, content in attachments:
        maintype, subtype = content_type.split("/", 1)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=safe_filename(filename))
    return message


def send(settings, message):
    """Hand the message to the SMTP server; returns the server's answer to the data."""
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, settings.password)
            refused = smtp.send_message(message)
            if refused:
                code, text = next(iter(refused.values()))
                raise (PermanentFailure if code >= 500 else TemporaryFailure)(f"{code} {text.decode(errors='replace')}")
            return "250 accepted"
    except smtplib.SMTPResponseException as exc:
        kind = PermanentFailure if exc.smtp_code >= 500 else TemporaryFailure
        raise kind(f"{exc.smtp_code} {exc.smtp_error.decode(errors='replace') if isinstance(exc.smtp_error, bytes) else exc.smtp_error}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        code, text = next(iter(exc.recipients.values()))
        raise (PermanentFailure if code >= 500 else TemporaryFailure)(f"{code} {text.decode(errors='replace')}") from None
    except (OSError, socket.timeout, smtplib.SMTPException) as exc:
        raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from None
