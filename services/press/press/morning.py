"""The morning digest for the mayor's office: at `DIGEST_AT` (Istanbul) yesterday's clippings become
a text and a PDF, stored once per day (the day is unique) and announced with `digest_ready` in the
same transaction, however often and on however many instances the job runs."""
import logging
import uuid
from datetime import datetime, time, timedelta

from contracts import press as events

from . import digest as layout
from . import files, storage
from .clippings import ISTANBUL, istanbul_day

log = logging.getLogger(__name__)

ONE_DAY = timedelta(days=1)


def digest_time(value):
    """"08:30" as a time of day; a malformed setting is a start-up error, not a silent default."""
    if isinstance(value, int):  # YAML 1.1 read "10:30" as the sexagesimal 630
        return time(value // 60, value % 60)
    hours, minutes = (int(part) for part in str(value).split(":"))
    return time(hours, minutes)


def build_if_due(store, now, at, municipality, font_path=None):
    """Yesterday's digest, once `at` has passed today; returns the stored digest's id, or None when
    it is not time yet or the digest already exists."""
    today = istanbul_day(now)
    if now.astimezone(ISTANBUL).time() < at:
        return None
    day = today - ONE_DAY
    with store.transaction() as tx:
        if storage.digest_exists(tx.cursor, day):
            return None
    built = _build(store, day, now, municipality, font_path)
    digest_id = uuid.uuid4()
    with store.transaction() as tx:
        if not storage.insert_digest(tx.cursor, {"id": digest_id, **built}):
            return None  # another instance was quicker
        tx.emit(events.DIGEST_READY, {"digest_id": digest_id, "day": day, "subject": built["subject"],
                                      "text": built["text"], "pdf": {"id": digest_id, "filename": pdf_name(day),
                                                                     "content_type": "application/pdf"}})
    log.info("digest of %s ready: %s item(s)", day, built["total"])
    return digest_id


def show(store, day, now, municipality, font_path=None):
    """The digest of `day`: the one sent, or (for a day not sent yet) as it reads now."""
    with store.transaction() as tx:
        row = storage.digest(tx.cursor, day)
    built = row or _build(store, day, now, municipality, font_path)
    return {"id": str(row["id"]) if row else None, "day": day.isoformat(), "sent": row is not None,
            "subject": built["subject"], "text": built["text"], "total": built["total"],
            "pdf": files.encoded(pdf_name(day), "application/pdf", built["pdf"])}


def pdf_attachment(store, digest_id):
    with store.transaction() as tx:
        row = storage.digest_pdf(tx.cursor, digest_id)
    if row is None:
        return files.encoded(None, None, None, "Basın özeti")
    return files.encoded(pdf_name(row["day"]), "application/pdf", row["content"], "Basın özeti")


def pdf_name(day):
    return f"basin-ozeti-{day.isoformat()}.pdf"


def _build(store, day, now, municipality, font_path):
    start = datetime.combine(day, time(), ISTANBUL)
    with store.transaction() as tx:
        rows = storage.clippings_between(tx.cursor, start, start + ONE_DAY)
    digest = layout.build_digest(rows, now, day=day, municipality=municipality)
    return {"day": day, "subject": layout.digest_subject(digest), "text": layout.digest_text(digest),
            "pdf": layout.digest_pdf(digest, font_path), "total": digest["total"]}
