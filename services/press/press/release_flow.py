"""Press releases from draft to the media: versions, photos, the mayor's office's approval, and
publication when the embargo has passed. The states and their rules are `releases`' (pure); this
module keeps them in the database and says who may act.

Publication resolves the recipients from the information bank (contacts' segment) first, then, in
one transaction, marks the release published and writes `release_published` to the outbox; if the
information bank does not answer, the release stays approved and the next round tries again.
"""
import logging
import uuid
from datetime import timezone

import eventlet
from nameko.exceptions import UnknownService

from contracts import press as events
from contracts.press_inputs import PressPhotoUpload, PressReleaseEdit, PressReleaseInput, PressReleaseQuery

from . import access, files, information_bank, inputs, metrics, releases
from . import storage_releases as storage
from .exceptions import InvalidInput, InvalidTransition, NotFound
from .present import plain

log = logging.getLogger(__name__)

SYSTEM = "system"
# who may take each step; the table of moves itself is `releases.TRANSITIONS`
ROLES = {"submit": access.WRITERS, "withdraw": access.WRITERS, "approve": access.APPROVERS,
         "return": access.APPROVERS}


class ContactsUnavailable(Exception):
    """The information bank could not name the recipients; publication waits for the next round.
    `down`: it did not answer at all (so asking again for the next release is pointless now)."""

    def __init__(self, reason, down):
        super().__init__(reason)
        self.down = down


def create(store, release, actor, now):
    by = access.require(actor, access.WRITERS)
    release = inputs.load(PressReleaseInput, release)
    release_id = uuid.uuid4()
    _domain_call(releases.new_release, release["title"], release["body"], summary=release["summary"],
                 embargo_until=release.get("embargo_until"), url=release.get("url"))
    with store.transaction() as tx:
        storage.insert_release(tx.cursor, {"url": None, "embargo_until": None, "segment_id": None, **release,
                                           "id": release_id, "created_by": by, "now": now})
        return _view(tx.cursor, release_id)


def edit(store, release_id, changes, actor, now):
    """A new version with `changes` (title, summary, body, url, embargo_until, segment_id); only a
    draft or a returned release can change."""
    by = access.require(actor, access.WRITERS)
    changes = inputs.load(PressReleaseEdit, changes)
    with store.transaction() as tx:
        row, current = _locked(tx.cursor, release_id)
        if not changes:  # nothing to change: the release as it is, and no new version
            return _view(tx.cursor, row["id"])
        segment_id = changes.pop("segment_id", row["segment_id"])
        updated = _domain_call(releases.new_version, current, changes, at=now, by=by)
        storage.save_version(tx.cursor, row["id"], updated["history"][-1], row["segment_id"])
        storage.update_content(tx.cursor, row["id"], updated, segment_id, now)
        return _view(tx.cursor, row["id"])


def add_photo(store, release_id, photo, actor, now):
    """A photo or a short video (JPEG, PNG, MP4; at most 20 MB) of a draft or returned release."""
    by = access.require(actor, access.WRITERS)
    photo = inputs.load(PressPhotoUpload, photo)
    filename, content_type, content = files.decode(photo, files.PHOTO_TYPES, files.MAX_PHOTO_BYTES, "photo")
    with store.transaction() as tx:
        row, current = _locked(tx.cursor, release_id)
        _domain_call(releases.transition, current["state"], "edit")
        photo_id = uuid.uuid4()
        storage.add_photo(tx.cursor, {"id": photo_id, "release_id": row["id"], "filename": filename,
                                      "content_type": content_type, "size": len(content), "caption": photo["caption"],
                                      "content": content, "added_by": by, "added_at": now})
        return {"id": str(photo_id), "filename": filename, "content_type": content_type, "size": len(content)}


def remove_photo(store, release_id, photo_id, actor):
    access.require(actor, access.WRITERS)
    with store.transaction() as tx:
        row, current = _locked(tx.cursor, release_id)
        _domain_call(releases.transition, current["state"], "edit")
        if not storage.remove_photo(tx.cursor, row["id"], inputs.identifier(photo_id, "Fotoğraf")):
            raise NotFound("Fotoğraf bulunamadı.")
        return _view(tx.cursor, row["id"])


def act(store, release_id, action, actor, now, comment=None):
    """submit, withdraw (press office), approve, return with a comment (the mayor's office)."""
    by = access.require(actor, ROLES[action])
    with store.transaction() as tx:
        row, current = _locked(tx.cursor, release_id)
        updated = _domain_call(releases.apply, current, action, now, by=by, comment=comment)
        storage.update_state(tx.cursor, row["id"], updated, now)
        if len(updated["comments"]) > len(current["comments"]):
            storage.add_comment(tx.cursor, row["id"], updated["comments"][-1])
        return _view(tx.cursor, row["id"])


def get(store, release_id):
    with store.transaction() as tx:
        return _view(tx.cursor, inputs.identifier(release_id, "Basın bülteni"))


def listing(store, state=None, limit=50, offset=0):
    if state is not None:
        inputs.load(PressReleaseQuery, {"state": state})
    with store.transaction() as tx:
        rows = storage.releases(tx.cursor, state, max(1, min(int(limit), 200)), max(0, int(offset)))
        photos = storage.photos(tx.cursor, [row["id"] for row in rows])
    return {"total": rows[0]["total"] if rows else 0,
            "releases": [_summary(row, photos.get(row["id"], [])) for row in rows]}


def publish_due(store, contacts_rpc, now, timeout):
    """Publish every approved release whose embargo has passed; returns how many went out."""
    with store.transaction() as tx:
        due = storage.due_releases(tx.cursor, now)
    published = 0
    for candidate in due:
        try:
            recipients = _recipients(contacts_rpc, candidate["segment_id"], timeout)
        except ContactsUnavailable as exc:
            metrics.RELEASES.labels("deferred").inc()
            log.warning("release %s waits: the information bank did not answer (%s)", candidate["id"], exc)
            if exc.down:
                break
            continue
        with store.transaction() as tx:
            row = storage.release(tx.cursor, candidate["id"], lock=True, skip_locked=True)
            if row is None or row["segment_id"] != candidate["segment_id"]:
                continue  # another instance holds it, or it changed under us: the next round sees it
            photos = storage.photos(tx.cursor, [row["id"]]).get(row["id"], [])
            current = _domain(row, [])
            if not releases.due_for_publication(current, now):
                continue
            updated = releases.apply(current, "publish", now, by=SYSTEM)
            storage.update_state(tx.cursor, row["id"], updated, now)
            storage.set_recipients(tx.cursor, row["id"], recipients)
            tx.emit(events.RELEASE_PUBLISHED, {
                "release_id": row["id"], "version": row["version"], "title": row["title"],
                "summary": row["summary"], "body": row["body"], "url": row["url"],
                "published_at": updated["published_at"].astimezone(timezone.utc), "recipients": recipients,
                "photos": [{"id": p["id"], "filename": p["filename"], "content_type": p["content_type"]}
                           for p in photos]})
        published += 1
        metrics.RELEASES.labels("published").inc()
        log.info("release %s published to %s recipient(s)", row["id"], len(recipients))
    return published


def _recipients(contacts_rpc, segment_id, timeout):
    """The segment's members that can be mailed, once each; none without a segment (website only)."""
    if not segment_id:
        return []
    try:
        with eventlet.Timeout(timeout):
            members = contacts_rpc.segment_members(segment_id)
    except eventlet.Timeout:
        raise ContactsUnavailable(f"no answer in {timeout}s", down=True) from None
    except UnknownService:
        raise ContactsUnavailable("not running", down=True) from None
    except Exception as exc:  # its own error about this segment: this release waits, others go on
        raise ContactsUnavailable(type(exc).__name__, down=False) from None
    return information_bank.mailable(members)


def rss(store, site, photo_url, limit=50):
    """RSS 2.0 of the published releases (XML text) for the municipality's website."""
    with store.transaction() as tx:
        rows = storage.published_releases(tx.cursor, limit)
        photos = storage.photos(tx.cursor, [row["id"] for row in rows])
    published = [_domain(row, photos.get(row["id"], []), photo_url) for row in rows]
    return releases.releases_rss(published, site, limit=limit).decode("utf-8")


def photo(store, photo_id, published_only=False):
    """A release's photo; `published_only`: only a published release's (what the public may see)."""
    with store.transaction() as tx:
        row = storage.photo_content(tx.cursor, inputs.identifier(photo_id, "Fotoğraf"), published_only)
    if row is None:
        raise NotFound("Fotoğraf bulunamadı.")
    return files.encoded(row["filename"], row["content_type"], row["content"], "Fotoğraf")


def _locked(cur, release_id):
    row = storage.release(cur, inputs.identifier(release_id, "Basın bülteni"), lock=True)
    if row is None:
        raise NotFound("Basın bülteni bulunamadı.")
    photos = storage.photos(cur, [row["id"]]).get(row["id"], [])
    return row, {**_domain(row, photos), "comments": storage.comments(cur, row["id"])}


def _domain(row, photos, photo_url=None):
    """The release as `releases` knows it (photos as RSS enclosures need them)."""
    return {**{key: row[key] for key in ("id", "state", "version", "title", "summary", "body", "url",
                                         "embargo_until", "submitted_at", "approved_at", "approved_by",
                                         "published_at")},
            "photos": [{"id": str(p["id"]), "url": photo_url(p["id"]) if photo_url else None,
                        "type": p["content_type"], "length": p["size"], "caption": p["caption"],
                        "filename": p["filename"]} for p in photos],
            "history": [], "comments": []}


def _summary(row, photos):
    shown = plain({key: value for key, value in row.items() if key not in ("total", "body", "recipients")})
    shown.update(state_label=releases.LABELS[row["state"]], allowed_actions=releases.allowed_actions(row["state"]),
                 photo_count=len(photos), recipient_count=len(row["recipients"] or []))
    return shown


def _view(cur, release_id):
    row = storage.release(cur, release_id)
    if row is None:
        raise NotFound("Basın bülteni bulunamadı.")
    shown = plain({key: value for key, value in row.items() if key != "recipients"})
    shown.update(
        state_label=releases.LABELS[row["state"]], allowed_actions=releases.allowed_actions(row["state"]),
        photos=plain(storage.photos(cur, [row["id"]]).get(row["id"], [])),
        versions=plain(storage.versions(cur, row["id"])), comments=plain(storage.comments(cur, row["id"])),
        recipients=row["recipients"] or [])
    return shown


def _domain_call(function, *args, **kwargs):
    """The pure layer's refusals as press's errors, in Turkish as the pure layer words them."""
    try:
        return function(*args, **kwargs)
    except releases.InvalidTransition as exc:
        raise InvalidTransition(str(exc)) from None
    except releases.InvalidRelease as exc:
        raise InvalidInput({"_schema": [str(exc)]}) from None
