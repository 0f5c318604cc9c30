"""Reading the news sources that are due: a conditional GET per source (`feeds.fetch_feed`), then,
in one transaction per source, its new validators and schedule and the items about the municipality
as clippings, each with a tone suggestion that stays a suggestion.

A story already kept (same dedupe key) is not stored again, however often the feed repeats it.
"""
import logging
from dataclasses import asdict
from datetime import timedelta

from . import feeds, metrics, storage
from .clippings import clipping_from_item
from .tone import suggest_tone

log = logging.getLogger(__name__)

# a source being read is leased for this long: another instance skips it, a crash only delays it
LEASE_SECONDS = 300
BATCH = 20


def fetch_due(store, settings, now):
    """Read every source due at `now` (in batches); returns counts by fetch outcome and new clippings."""
    counts = {feeds.FETCHED: 0, feeds.NOT_MODIFIED: 0, feeds.FAILED: 0, "new": 0}
    while True:
        with store.transaction() as tx:
            due = storage.claim_due_sources(tx.cursor, now, LEASE_SECONDS, BATCH)
        for source in due:
            outcome, new = fetch_source(store, source, settings, now)
            counts[outcome] += 1
            counts["new"] += new
        if len(due) < BATCH:
            return counts


def fetch_source(store, source, settings, now):
    """Read one source (through the outbound-address policy, `settings.outbound`) and record what it gave;
    returns (fetch outcome, new clippings)."""
    result = feeds.fetch_feed(source["url"], etag=source["etag"], last_modified=source["last_modified"],
                              outlet=source["outlet"], policy=settings.outbound)
    metrics.FEED_FETCHES.labels(result.status).inc()
    failures = feeds.failures_after(result, source["consecutive_failures"])
    interval = source["fetch_interval"] or timedelta(minutes=30)
    new = 0
    with store.transaction() as tx:
        storage.record_fetch(tx.cursor, source["id"], {
            "etag": result.etag, "last_modified": result.last_modified, "failures": failures,
            "next_fetch_at": feeds.next_fetch_at(now, interval, failures), "at": now, "status": result.status,
            "error": result.error})
        for item in result.items:
            outcome = _keep(tx.cursor, source, item, settings, now)
            metrics.FEED_ITEMS.labels(outcome).inc()
            new += outcome == "new"
    if not result.ok:
        # the URL is the operator's own configuration, not personal data
        log.warning("feed %s failed (%s in a row): %s (%s)", source["url"], failures, result.error, result.detail)
    return result.status, new


def _keep(cur, source, item, settings, now):
    clipping = clipping_from_item(item, settings.keywords, now)
    if clipping is None:
        return "not_relevant"
    suggestion = suggest_tone(f"{clipping['title']}\n{clipping['summary']}", settings.tone_words)
    clipping.update(source_id=source["id"], kind="feed", tone_suggestion=suggestion_record(suggestion))
    return "new" if storage.insert_clipping(cur, clipping) else "duplicate"


def suggestion_record(suggestion):
    """The suggestion as stored (jsonb) and shown: the label, the score, and the words that led to it."""
    return {"suggestion": suggestion.suggestion, "label": suggestion.label, "score": suggestion.score,
            "final": False, "evidence": [asdict(evidence) for evidence in suggestion.evidence]}
