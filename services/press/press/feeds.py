"""Reading a source's RSS/Atom feed, politely: a conditional GET with the validators the source gave us
last time, so an unchanged feed costs one 304 and no parsing, and a schedule that backs off from a
source that keeps failing.

A source, as the storage layer keeps it (only what this module reads or returns):

    {"url": "https://…/rss", "outlet": "Yeni Asır", "etag": '"abc"' or None,
     "last_modified": "Wed, 25 Nov 2026 06:00:00 GMT" or None,
     "interval": timedelta(minutes=30), "consecutive_failures": 0, "next_fetch_at": aware datetime}

An item, one per feed entry:

    {"url": "https://…/haber/123", "title": "…", "summary": "plain text, tags removed",
     "published_at": aware UTC datetime or None, "outlet": "Yeni Asır"}
"""
from __future__ import annotations

import calendar
import io
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import requests

from servicekit import outbound

NOT_MODIFIED, FETCHED, FAILED = "not_modified", "fetched", "failed"
DEFAULT_TIMEOUT = 10.0               # seconds, for connecting and for each read
MAX_FEED_BYTES = 5 * 1024 * 1024     # a feed is small; anything larger is a misconfigured source
MAX_BACKOFF = timedelta(hours=6)
USER_AGENT = "gzm-press/0.1 (belediye basin servisi)"
PUBLIC_ONLY = outbound.Policy()      # production's policy, unless the caller passes the configured one
WEB_SCHEMES = ("http", "https")
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class FetchResult:
    """What one read of a feed gave. `etag`/`last_modified` are the validators to store for next time
    (on failure, the ones we had: a failed read must not make the next one unconditional)."""
    status: str                       # not_modified | fetched | failed
    etag: str | None
    last_modified: str | None
    items: tuple[dict, ...] = ()
    error: str | None = None          # why it failed, in Turkish for the press office; None otherwise
    http_status: int | None = None
    detail: str | None = None         # the kind of failure for the logs (an exception's class name)

    @property
    def ok(self) -> bool:
        return self.status != FAILED


def fetch_feed(url: str, *, etag: str | None = None, last_modified: str | None = None,
               outlet: str | None = None, timeout: float = DEFAULT_TIMEOUT,
               policy: outbound.Policy = PUBLIC_ONLY) -> FetchResult:
    """Read the feed at `url` with a conditional GET and parse what came back.

    `outlet` names the items' outlet; without it the feed's own title is used. The address, every
    connection and every redirect go through `policy` (servicekit.outbound): a source that leads inside
    the platform's network is refused and never asked. Never raises for a network, HTTP or parse
    problem: those come back as status `failed` with a Turkish `error` for the press office, which says
    what went wrong in general words only (never a host, port or the network library's message).
    """
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with policy.open("GET", url, headers=headers, timeout=timeout, stream=True) as response:
            if response.status_code == 304:
                return FetchResult(NOT_MODIFIED, response.headers.get("ETag") or etag,
                                   response.headers.get("Last-Modified") or last_modified, http_status=304)
            if response.status_code >= 400:
                return FetchResult(FAILED, etag, last_modified, error=f"Kaynak HTTP {response.status_code} ile cevap verdi.",
                                   http_status=response.status_code)
            body = _read_limited(response)
    except outbound.Refused as refused:
        return FetchResult(FAILED, etag, last_modified, error=refused.reason, detail="Refused")
    except requests.RequestException as exc:
        return FetchResult(FAILED, etag, last_modified, error=_failure(exc), detail=type(exc).__name__)
    except _TooLarge:
        return FetchResult(FAILED, etag, last_modified, http_status=response.status_code,
                           error=f"Haber akışı {MAX_FEED_BYTES} bayttan büyük; okunmadı.")

    # a stream, not bytes: feedparser tries to open bytes as a local file name, and the body is the
    # source's to choose
    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-type": response.headers.get("Content-Type", ""), "content-location": response.url})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        # a feed with a small flaw but entries is still read; a page that is no feed at all is not
        return FetchResult(FAILED, etag, last_modified, http_status=response.status_code,
                           error="Adresteki sayfa okunabilir bir RSS ya da Atom haber akışı değil.",
                           detail=type(parsed.get("bozo_exception")).__name__ if parsed.bozo else "no feed")
    outlet = outlet or _plain(parsed.feed.get("title")) or urlsplit(url).hostname or ""
    items = tuple(item for item in (_item(entry, outlet) for entry in parsed.entries) if item)
    return FetchResult(FETCHED, response.headers.get("ETag"), response.headers.get("Last-Modified"),
                       items, http_status=response.status_code)


def _failure(exc):
    """What the press office is told about a network failure: its kind, not the library's words (they
    name hosts and ports)."""
    if isinstance(exc, requests.Timeout):
        return "Kaynak zamanında cevap vermedi."
    if isinstance(exc, requests.TooManyRedirects):
        return "Kaynak çok fazla yönlendirme yaptı."
    if isinstance(exc, requests.exceptions.SSLError):
        return "Kaynağın güvenli bağlantısı (TLS sertifikası) doğrulanamadı."
    if isinstance(exc, requests.ConnectionError):
        return "Kaynağa bağlanılamadı."
    return "Kaynak okunamadı."


class _TooLarge(Exception):
    pass


def _read_limited(response):
    body = bytearray()
    for chunk in response.iter_content(chunk_size=64 * 1024):
        body += chunk
        if len(body) > MAX_FEED_BYTES:
            raise _TooLarge()
    return bytes(body)


def _item(entry, outlet):
    url, title = _web_link(entry.get("link")), _plain(entry.get("title"))
    if not url and not title:
        return None
    return {"url": url, "title": title, "summary": _plain(entry.get("summary")),
            "published_at": _utc(entry.get("published_parsed") or entry.get("updated_parsed")),
            "outlet": outlet}


def _web_link(link):
    """A feed item's link as kept: an http(s) address only (a `javascript:`, `data:` or `file:` link, or
    one that does not parse, is dropped; the item is kept by its title)."""
    link = (link or "").strip()
    if not link or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in link):
        return None
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    return link if parts.scheme.lower() in WEB_SCHEMES and parts.hostname else None


def _utc(parsed_time):
    """feedparser's struct_time is already in UTC."""
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def _plain(html):
    """Summaries arrive as (sanitised) HTML; clippings keep plain text for matching and display."""
    if not html:
        return ""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def next_fetch_at(now: datetime, interval: timedelta, consecutive_failures: int,
                  cap: timedelta = MAX_BACKOFF) -> datetime:
    """When to read a source next: `interval` after a success; after the n-th failure in a row,
    `interval`·2ⁿ, at most `cap` (but never sooner than `interval`)."""
    if consecutive_failures <= 0:
        return now + interval
    # past 2**20 the cap has long been reached; the bound keeps timedelta from overflowing
    delay = min(interval * 2 ** min(consecutive_failures, 20), cap)
    return now + max(delay, interval)


def failures_after(result: FetchResult, consecutive_failures: int) -> int:
    """The source's count of failures in a row once `result` is recorded: reset by any success."""
    return 0 if result.ok else consecutive_failures + 1
