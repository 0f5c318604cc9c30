"""The clippings archive: items entered by hand from print, TV and radio; search in Turkish; a
person's tone; flagging what matters (the directorates concerned are told once) and the press board.
"""
import uuid
from datetime import datetime, time

from contracts import press as events
from contracts.press_inputs import (PressClassification, PressClippingInput, PressClippingQuery, PressClippingSearch,
                                   PressFlag, PressSourceInput, PressTone)
from servicekit import outbound

from . import access, files, inputs, storage
from .board import board_items
from .clippings import ISTANBUL, dedupe_key, istanbul_day, relevance
from .exceptions import InvalidInput, NotFound
from .ingest import suggestion_record
from .present import plain
from .tone import LABELS, suggest_tone

MAX_PAGE = 200


def add_source(store, source, actor, now, policy=outbound.Policy()):
    """A news feed to read; adding the same URL again answers the one already there. An address that
    `policy` refuses (one that leads inside the platform's network, or carries a password) is refused
    here with the reason beside the field, and is checked again at every read."""
    by = access.require(actor, access.WRITERS)
    source = inputs.load(PressSourceInput, source)
    try:
        policy.check(source["url"])
    except outbound.Refused as refused:
        raise InvalidInput({"url": [refused.reason]}) from None
    with store.transaction() as tx:
        row = storage.add_source(tx.cursor, {**source, "id": uuid.uuid4(), "now": now, "created_by": by}) \
            or storage.source_by_url(tx.cursor, source["url"])
    return _source(row)


def list_sources(store):
    with store.transaction() as tx:
        return [_source(row) for row in storage.sources(tx.cursor)]


def set_source_active(store, source_id, active, actor):
    access.require(actor, access.WRITERS)
    with store.transaction() as tx:
        row = storage.set_source_active(tx.cursor, inputs.identifier(source_id, "Kaynak"), bool(active))
    if row is None:
        raise NotFound("Kaynak bulunamadı.")
    return _source(row)


def _source(row):
    shown = plain(row)
    shown["interval_minutes"] = shown.pop("fetch_interval") // 60
    return shown


def add_clipping(store, clipping, actor, now, keywords):
    """A clipping from print, TV or radio, with its scan if there is one; the same story twice (same
    outlet and title, or same link) is the clipping already kept."""
    by = access.require(actor, access.WRITERS)
    clipping = inputs.load(PressClippingInput, clipping)
    upload = clipping.pop("scan", None)
    scan = files.decode(upload, files.SCAN_TYPES, files.MAX_SCAN_BYTES, "scan") if upload else (None, None, None)
    text = f"{clipping['title']}\n{clipping['summary']}"
    row = {**clipping, "captured_at": now, "created_by": by,
           "dedupe_key": dedupe_key(clipping.get("url"), clipping["title"], clipping["outlet"]),
           "keywords": list(relevance(text, keywords).matched),
           "tone_suggestion": suggestion_record(suggest_tone(text)),
           "scan_filename": scan[0], "scan_content_type": scan[1], "scan": scan[2]}
    with store.transaction() as tx:
        clipping_id = storage.insert_clipping(tx.cursor, row)
        if clipping_id is None:
            tx.cursor.execute("SELECT id FROM clippings WHERE dedupe_key = %s", (row["dedupe_key"],))
            clipping_id = tx.cursor.fetchone()["id"]
        return _clipping(storage.clipping(tx.cursor, clipping_id))


def get_clipping(store, clipping_id):
    with store.transaction() as tx:
        return _clipping(_found(storage.clipping(tx.cursor, inputs.identifier(clipping_id, "Kupür"))))


def search(store, filters, limit, offset):
    """`{"total", "total_exact", "clippings"}` matching `filters`: those of `PressClippingSearch` with its
    text `q`, or of `PressClippingQuery` without; a total past `storage.COUNT_CAP` is not counted to the end
    (`total_exact` false)."""
    schema = PressClippingSearch if "q" in filters else PressClippingQuery
    filters = inputs.load(schema, {**filters, "limit": limit, "offset": offset})
    limit, offset = filters.pop("limit"), filters.pop("offset")
    filters["query"] = filters.pop("q", None)
    with store.transaction() as tx:
        total, exact, rows = storage.search_clippings(tx.cursor, filters, limit, offset)
    return {"total": total, "total_exact": exact, "clippings": [_clipping(row) for row in rows]}


def set_tone(store, clipping_id, tone, actor, now):
    """A person's decision on the tone; the suggestion stays beside it, unchanged."""
    by = access.require(actor, access.WRITERS)
    tone = inputs.load(PressTone, {"tone": tone})["tone"]
    with store.transaction() as tx:
        _found(storage.clipping(tx.cursor, inputs.identifier(clipping_id, "Kupür"), lock=True))
        storage.set_tone(tx.cursor, clipping_id, tone, by, now)
        return _clipping(storage.clipping(tx.cursor, clipping_id))


def classify(store, clipping_id, changes, actor):
    access.require(actor, access.WRITERS)
    changes = inputs.load(PressClassification, changes)
    with store.transaction() as tx:
        _found(storage.clipping(tx.cursor, inputs.identifier(clipping_id, "Kupür"), lock=True))
        storage.classify(tx.cursor, clipping_id, changes)
        return _clipping(storage.clipping(tx.cursor, clipping_id))


def flag(store, clipping_id, flag_input, actor, now):
    """Mark a clipping important (or not). `clipping_flagged` goes out, in the same transaction, the
    first time it is flagged and again only for directorates not told before."""
    by = access.require(actor, access.WRITERS)
    wanted = inputs.load(PressFlag, flag_input)
    with store.transaction() as tx:
        row = _found(storage.clipping(tx.cursor, inputs.identifier(clipping_id, "Kupür"), lock=True))
        told = list(row["directorates"])
        new = [code for code in dict.fromkeys(wanted["directorates"]) if code not in told]
        announce = wanted["important"] and (not row["flag_announced"] or new)
        if wanted["important"]:  # flagged again: it keeps its place on the board
            state = {"important": True, "important_at": row["important_at"] if row["important"] else now,
                     "flagged_by": by}
        else:
            state = {"important": False, "important_at": None, "flagged_by": row["flagged_by"]}
        storage.flag(tx.cursor, clipping_id, {
            **state, "note": wanted["note"] or row["flag_note"], "directorates": told + (new if announce else []),
            "announced": row["flag_announced"] or bool(announce)})
        if announce:
            tx.emit(events.CLIPPING_FLAGGED, {
                "clipping_id": row["id"], "title": row["title"], "outlet": row["outlet"], "url": row["url"],
                "published_at": row["published_at"], "tone": row["tone"], "directorates": new,
                "note": wanted["note"], "flagged_by": by})
        return _clipping(storage.clipping(tx.cursor, clipping_id))


def board(store, now, limit):
    """Today's important clippings (Istanbul calendar day), newest first."""
    since = datetime.combine(istanbul_day(now), time(), ISTANBUL)
    with store.transaction() as tx:
        rows = storage.board_candidates(tx.cursor, since)
    return plain(board_items(rows, now, limit=max(0, min(int(limit), 50))))


def scan(store, clipping_id):
    with store.transaction() as tx:
        row = _found(storage.scan(tx.cursor, inputs.identifier(clipping_id, "Kupür")))
    return files.encoded(row["filename"], row["content_type"], row["content"], "Kupürün taraması")


def _clipping(row):
    shown = plain({key: value for key, value in row.items() if key not in ("total", "flag_announced")})
    shown["tone_label"] = LABELS.get(row["tone"], LABELS[None])
    if "rank" in shown:
        shown["rank"] = round(float(shown["rank"]), 4)
    return shown


def _found(row, what="Kupür"):
    if row is None:
        raise NotFound(f"{what} bulunamadı.")
    return row
