"""Press's settings: every key of `config.yml` (where each default is written), typed (`PressConfig`);
what press makes of them once at start-up (`PressSettings`: the keyword and tone word lists, when the
digest goes out, how the releases feed names the site); and a clock the tests can move."""
from dataclasses import dataclass
from datetime import datetime, time, timezone
from pathlib import Path
from typing import ClassVar

from nameko.extensions import DependencyProvider

from servicekit.outbound import Policy as OutboundPolicy
from servicekit.settings import EventServiceSettings, of as settings_of

from . import morning
from .clippings import load_keywords
from .tone import ToneWords, load_tone_words


@dataclass(frozen=True)
class PressConfig(EventServiceSettings, service="press"):
    CONFIG_FILE: ClassVar[Path] = Path(__file__).resolve().parents[1] / "config.yml"

    fetch_seconds: float
    publish_seconds: float
    digest_check_seconds: float
    reminder_seconds: float
    outbound_allow: str
    digest_at: str
    municipality: str
    keywords_file: str | None
    tone_words_file: str | None
    reminder_days_before: int
    contacts_timeout_seconds: float
    site_url: str
    releases_feed_url: str | None
    public_api_url: str
    pdf_font_path: str | None


# read when the module is imported: nameko fixes a timer's interval when the service class is defined
AT_IMPORT = PressConfig.from_environment()


@dataclass(frozen=True)
class PressSettings:
    keywords: tuple
    tone_words: ToneWords
    digest_at: time
    municipality: str
    font_path: str | None
    site: dict
    public_api_url: str
    contacts_timeout: float
    reminder_days_before: int
    outbound: OutboundPolicy      # what a news source's address may lead to (servicekit.outbound)

    def photo_url(self, photo_id):
        """Where the public fetches a release photo (the gateway serves it)."""
        return f"{self.public_api_url.rstrip('/')}/press/photos/{photo_id}"

    def issue_url(self, issue_id):
        """Where the public fetches a sent issue's PDF (the gateway serves it)."""
        return f"{self.public_api_url.rstrip('/')}/press/issues/{issue_id}.pdf"


def load(config):
    """`PressSettings` from press's `PressConfig` (or a nameko config dict, its missing keys from config.yml)."""
    if not isinstance(config, PressConfig):
        config = PressConfig.from_config(config)
    municipality = config.municipality
    return PressSettings(
        keywords=load_keywords(config.keywords_file),
        tone_words=load_tone_words(config.tone_words_file),
        digest_at=morning.digest_time(config.digest_at),
        municipality=municipality, font_path=config.pdf_font_path,
        site={"title": f"{municipality} — Basın Bültenleri", "link": config.site_url,
              "description": f"{municipality} basın bültenleri", "language": "tr",
              "feed_url": config.releases_feed_url},
        public_api_url=config.public_api_url,
        contacts_timeout=config.contacts_timeout_seconds,
        reminder_days_before=config.reminder_days_before,
        outbound=OutboundPolicy.from_config(config))


class Settings(DependencyProvider):
    def setup(self):
        self.settings = load(settings_of(self.container))

    def get_dependency(self, worker_ctx):
        return self.settings


class Clock(DependencyProvider):
    """`self.clock()`: now, timezone-aware. Every business time in press comes from here, so tests
    move time by replacing it instead of waiting."""

    def get_dependency(self, worker_ctx):
        return lambda: datetime.now(timezone.utc)
