"""Keeping the information bank up to date "from time to time" (DOMAIN.md §1): the queue of records
to check, and re-verification campaigns (after an election every muhtar's record is to be checked)."""
import datetime as dt

from contracts.contacts_records import ContactReverification, StaleQuery

from . import access, categories, records, schemas, storage
from .exceptions import InvalidInput

MAX_LIMIT = 500


def stale(store, older_than_days, actor, limit=100, offset=0):
    """`{"total", "contacts"}`: records marked by a campaign first, then never verified, then the longest
    unverified, for those verified more than `older_than_days` ago."""
    access.may_read(actor)
    schemas.declared(StaleQuery, schemas.given(older_than_days=older_than_days, limit=limit, offset=offset))
    try:
        days = int(older_than_days)
    except (TypeError, ValueError):
        raise InvalidInput({"older_than_days": ["Gün sayısı bir tam sayı olmalı."]}) from None
    if days < 0:
        raise InvalidInput({"older_than_days": ["Gün sayısı negatif olamaz."]})
    limit, offset = max(1, min(int(limit or 100), MAX_LIMIT)), max(0, int(offset or 0))
    with store.transaction() as tx:
        rows = storage.stale(tx.cursor, records.today() - dt.timedelta(days=days), limit, offset)
    return {"total": rows[0]["total"] if rows else 0,
            "contacts": [records.public({key: value for key, value in row.items() if key != "total"})
                         for row in rows]}


def start_reverification(store, criteria, reason, actor):
    """Mark for checking every live record in one of `criteria["categories"]` or holding one of
    `criteria["offices"]` today; answers `{"marked": n}`. Verifying a record clears its mark."""
    access.may_write(actor)
    criteria = criteria or {}
    schemas.declared(ContactReverification, {**criteria, **schemas.given(reason=reason)})
    wanted_categories = list(criteria.get("categories") or ())
    offices = list(criteria.get("offices") or ())
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = ["Neden yazılmalı (ör. 2024 yerel seçimleri)."]
    if not wanted_categories and not offices:
        errors["criteria"] = ["En az bir kategori ya da makam seçilmeli."]
    unknown = [c for c in wanted_categories if c not in categories.CATEGORIES]
    if unknown:
        errors["categories"] = ["Bilinmeyen kategori: " + ", ".join(unknown) + "."]
    if errors:
        raise InvalidInput(errors)
    day = records.today()
    with store.transaction() as tx:
        ids = set()
        if wanted_categories:
            ids |= set(storage.matching_ids(tx.cursor, {"categories": wanted_categories}, day))
        if offices:
            ids |= set(storage.matching_ids(tx.cursor, {"offices": offices}, day))
        marked = storage.mark_for_reverification(tx.cursor, ids, reason.strip(), day)
    return {"marked": marked, "reason": reason.strip()}
