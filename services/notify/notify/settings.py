"""Notify's settings: every key of `config.yml` (where each default is written), typed."""
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from servicekit.settings import EventServiceSettings


@dataclass(frozen=True)
class NotifySettings(EventServiceSettings, service="notify"):
    CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"

    deliver_seconds: float
    smtp_host: str
    smtp_port: int
    smtp_starttls: bool
    smtp_username: str
    smtp_password: str
    mail_from: str
    sms_provider_url: str | None
    sms_provider_token: str
    sms_sender: str
    seed_file: str | None
    webhook_master_key: str | None
    webhook_allow_http: bool
    outbound_allow: str
    email_per_minute: float
    sms_per_minute: float
    webhook_per_minute: float
    email_concurrency: int
    delivery_max_attempts: int
    delivery_backoff_seconds: float
    sending_timeout_seconds: float


# read when the module is imported: nameko fixes a timer's interval when the service class is defined
AT_IMPORT = NotifySettings.from_environment()
