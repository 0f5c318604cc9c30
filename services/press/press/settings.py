"""What press reads once at start-up: the keyword and tone word lists (editable YAML), when the
digest goes out, and how the releases feed names the site; and a clock the tests can move."""
from dataclasses import dataclass
from datetime import datetime, time, timezone

from nameko.extensions import DependencyProvider

from servicekit.outbound import Policy as OutboundPolicy

from . import morning
from .clippings import load_keywords
from .tone import ToneWords, load_tone_words


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
    site_url = config.get("SITE_URL") or "https://www.gaziemir.bel.tr"
    municipality = config.get("MUNICIPALITY") or "Gaziemir Belediyesi"
    return PressSettings(
        keywords=load_keywords(config.get("KEYWORDS_FILE") or None),
        tone_words=load_tone_words(config.get("TONE_WORDS_FILE") or None),
        digest_at=morning.digest_time(config.get("DIGEST_AT") or "08:30"),
        municipality=municipality, font_path=config.get("PDF_FONT_PATH") or None,
        site={"title": f"{municipality} — Basın Bültenleri", "link": site_url,
              "description": f"{municipality} basın bültenleri", "language": "tr",
              "feed_url": config.get("RELEASES_FEED_URL") or None},
        public_api_url=config.get("PUBLIC_API_URL") or f"{site_url}/api/v1",
        contacts_timeout=float(config.get("CONTACTS_TIMEOUT_SECONDS") or 10),
        reminder_days_before=int(config.get("REMINDER_DAYS_BEFORE") or 30),
        outbound=OutboundPolicy.from_config(config))


class Settings(DependencyProvider):
    def setup(self):
        self.settings = load(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.settings


class Clock(DependencyProvider):
    """`self.clock()`: now, timezone-aware. Every business time in press comes from here, so tests
    move time by replacing it instead of waiting."""

    def get_dependency(self, worker_ctx):
        return lambda: datetime.now(timezone.utc)
