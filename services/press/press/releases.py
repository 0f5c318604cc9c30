"""Press releases (basın bülteni): their states as one table, their versions, the embargo, and the RSS
feed of published releases for the municipality's website.

    taslak ──submit──▶ onay_bekliyor ──approve──▶ onaylandi ──publish──▶ yayimlandi
      ▲ edit              │   │                   (not before embargo_until)
      │                   │   └─return (with comments)──▶ iade ──submit──▶ onay_bekliyor
      └────withdraw───────┘                               ▲ edit

Only taslak and iade are editable; every edit is a new version. The mayor's office (mayor_office)
approves or returns; who may do what is the gateway's business. Anything not in the table is refused
with `InvalidTransition`, whose message is Turkish, for the person who tried.

A release is a plain dict; functions here return a new dict and never change the one given:

    {"id": 7, "state": "taslak", "version": 2,
     "title": "…", "summary": "…", "body": "…", "url": "https://…/basin-bultenleri/7" or None,
     "photos": [{"url": "https://…/1.jpg", "type": "image/jpeg", "length": 245113, "caption": "…"}],
     "embargo_until": aware datetime or None,
     "history": [{"version": 1, "title": …, "summary": …, "body": …, "photos": …, "embargo_until": …,
                  "replaced_at": datetime, "by": "ayse"}],
     "comments": [{"version": 1, "at": datetime, "by": "baskanlik", "text": "…"}],
     "submitted_at", "approved_at", "approved_by", "published_at": aware datetime or None}
"""
from __future__ import annotations

import copy
from datetime import datetime
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from contracts.press_inputs import RELEASE_STATES

ISTANBUL = ZoneInfo("Europe/Istanbul")
TASLAK, ONAY_BEKLIYOR, ONAYLANDI, IADE, YAYIMLANDI = STATES = RELEASE_STATES
EDITABLE = (TASLAK, IADE)
LABELS = {TASLAK: "Taslak", ONAY_BEKLIYOR: "Başkanlık Makamı onayında", ONAYLANDI: "Onaylandı",
          IADE: "İade edildi (düzeltilecek)", YAYIMLANDI: "Yayımlandı"}
ACTION_LABELS = {"edit": "düzenleme", "submit": "onaya gönderme", "withdraw": "onaydan geri çekme",
                 "approve": "onaylama", "return": "iade etme", "publish": "yayımlama"}
EDITABLE_FIELDS = frozenset({"title", "summary", "body", "url", "photos", "embargo_until"})

# action -> {from state: to state}
TRANSITIONS = {
    "edit": {TASLAK: TASLAK, IADE: IADE},
    "submit": {TASLAK: ONAY_BEKLIYOR, IADE: ONAY_BEKLIYOR},
    "withdraw": {ONAY_BEKLIYOR: TASLAK},
    "approve": {ONAY_BEKLIYOR: ONAYLANDI},
    "return": {ONAY_BEKLIYOR: IADE},
    "publish": {ONAYLANDI: YAYIMLANDI},
}


class InvalidTransition(Exception):
    """`args`: (action, current state); the message is Turkish, for the person who tried."""

    def __str__(self):
        action, state = self.args
        return (f"'{LABELS.get(state, state)}' durumundaki bir basın bülteninde "
                f"'{ACTION_LABELS.get(action, action)}' yapılamaz.")


class InvalidRelease(ValueError):
    """A request that the table allows but its content does not; the message is Turkish."""


def transition(state: str, action: str) -> str:
    """The state `action` leads to from `state`; raises InvalidTransition when the table has no such move."""
    try:
        return TRANSITIONS[action][state]
    except KeyError:
        raise InvalidTransition(action, state) from None


def allowed_actions(state: str) -> list[str]:
    """The actions the table allows from `state`, for the console's buttons."""
    return sorted(action for action, moves in TRANSITIONS.items() if state in moves)


def new_release(title: str, body: str, *, summary: str = "", photos=(), embargo_until: datetime | None = None,
                url: str | None = None, release_id=None) -> dict:
    """A first draft (taslak, version 1)."""
    release = {"id": release_id, "state": TASLAK, "version": 1, "title": title, "summary": summary,
               "body": body, "url": url, "photos": [dict(photo) for photo in photos],
               "embargo_until": None, "history": [], "comments": [], "submitted_at": None,
               "approved_at": None, "approved_by": None, "published_at": None}
    return _with_embargo(release, embargo_until)


def new_version(release: dict, changes: dict, *, at: datetime | None = None, by: str | None = None) -> dict:
    """The release with `changes` applied as its next version; the replaced version goes to `history`.

    Only a taslak or iade release can change (InvalidTransition otherwise); only EDITABLE_FIELDS can
    be changed (InvalidRelease otherwise). The state stays as it is: a returned release is
    resubmitted with `apply(…, "submit", …)`.
    """
    transition(release["state"], "edit")
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise InvalidRelease(f"Bu alanlar değiştirilemez: {', '.join(sorted(unknown))}.")
    updated = copy.deepcopy(release)
    snapshot = {name: copy.deepcopy(release.get(name)) for name in sorted(EDITABLE_FIELDS)}
    updated.setdefault("history", []).append(
        {"version": release["version"], **snapshot, "replaced_at": at, "by": by})
    embargo = changes.get("embargo_until", release.get("embargo_until"))
    updated.update({name: copy.deepcopy(value) for name, value in changes.items() if name != "embargo_until"})
    updated["version"] = release["version"] + 1
    return _with_embargo(updated, embargo)


def _with_embargo(release, embargo_until):
    if embargo_until is not None and (embargo_until.tzinfo is None or embargo_until.utcoffset() is None):
        raise InvalidRelease("Ambargo zamanı saat dilimiyle birlikte verilmeli.")
    release["embargo_until"] = embargo_until
    return release


def apply(release: dict, action: str, now: datetime, *, by: str | None = None, comment: str | None = None) -> dict:
    """The release after `action` done by `by` at `now`, with the time stamped.

    `return` needs a comment (InvalidRelease without one), which is kept with the version it is about.
    `publish` is refused before the embargo (InvalidRelease) and stamps `published_at` =
    max(now, embargo_until). `edit` is `new_version`.
    """
    if action == "edit":
        raise InvalidRelease("Düzenleme yeni bir sürümdür: new_version kullanın.")
    state = transition(release["state"], action)
    if action == "return" and not (comment and comment.strip()):
        raise InvalidRelease("İade ederken ne düzeltileceğini yazın.")
    if action == "publish" and not due_for_publication(release, now):
        embargo = release["embargo_until"].astimezone(ISTANBUL).strftime("%d.%m.%Y %H:%M")
        raise InvalidRelease(f"Bülten ambargolu: {embargo} öncesinde yayımlanamaz.")
    updated = copy.deepcopy(release)
    updated["state"] = state
    if comment and comment.strip():
        updated.setdefault("comments", []).append(
            {"version": release["version"], "at": now, "by": by, "text": comment.strip()})
    if action == "submit":
        updated["submitted_at"] = now
    elif action == "approve":
        updated.update(approved_at=now, approved_by=by)
    elif action == "publish":
        updated["published_at"] = publication_time(release, now)
    elif action in ("return", "withdraw"):
        updated.update(submitted_at=None)
    return updated


def publication_time(release: dict, now: datetime) -> datetime:
    """When an approved release goes out if published at `now`: not before its embargo."""
    embargo = release.get("embargo_until")
    return max(now, embargo) if embargo else now


def due_for_publication(release: dict, now: datetime) -> bool:
    """True for an approved release whose embargo (if any) has passed by `now`: the publisher's poll."""
    if release["state"] != ONAYLANDI:
        return False
    embargo = release.get("embargo_until")
    return embargo is None or now >= embargo


def releases_rss(releases, site: dict, *, limit: int = 50) -> bytes:
    """RSS 2.0 of the published releases, newest first, at most `limit`, as UTF-8 XML bytes.

    `site`: {"title", "link", "description", "language" (default "tr"), "feed_url" (optional)}.
    A release without its own `url` links to the site. The first photo is the item's `<enclosure>`
    (RSS allows one); every photo is also a `<media:content>`, so readers that know Media RSS see all.
    """
    published = sorted((r for r in releases if r["state"] == YAYIMLANDI and r.get("published_at")),
                       key=lambda r: r["published_at"], reverse=True)[:limit]
    feed = FeedGenerator()
    feed.load_extension("media", atom=False, rss=True)
    feed.title(site["title"])
    if site.get("feed_url"):
        feed.link(href=site["feed_url"], rel="self")
    feed.link(href=site["link"], rel="alternate")  # after self: feedgen's RSS <link> is the last one given
    feed.description(site.get("description") or site["title"])
    feed.language(site.get("language", "tr"))
    feed.generator("gzm-press")
    if published:
        feed.lastBuildDate(published[0]["published_at"])  # stable bytes for unchanged content
    for release in reversed(published):  # feedgen lists the last added first
        entry = feed.add_entry()
        link = release.get("url") or site["link"]
        entry.title(release["title"])
        entry.link(href=link)
        entry.guid(release.get("url") or f"{site['link'].rstrip('/')}#basin-bulteni-{release['id']}",
                   permalink=bool(release.get("url")))
        entry.description(release.get("summary") or release.get("body") or release["title"])
        entry.pubDate(release["published_at"])
        photos = release.get("photos") or []
        if photos:
            lead = photos[0]
            entry.enclosure(lead["url"], str(lead.get("length") or 0), lead.get("type") or "image/jpeg")
            entry.media.content([{"url": p["url"], "type": p.get("type") or "image/jpeg", "medium": "image",
                                  **({"fileSize": str(p["length"])} if p.get("length") else {})}
                                 for p in photos], group=None)
    return feed.rss_str(pretty=True)
