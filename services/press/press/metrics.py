"""Press's own counters (DESIGN.md §9): how feed reading goes and what it brings in, and releases
that went out or had to wait for the information bank."""
from prometheus_client import Counter

FEED_FETCHES = Counter("press_feed_fetches_total", "Feed reads by outcome (fetched, not_modified, failed)",
                       ["outcome"])
FEED_ITEMS = Counter("press_feed_items_total", "Feed items read, by outcome (new clipping, duplicate, "
                     "not_relevant)", ["outcome"])
RELEASES = Counter("press_releases_total", "Releases the publisher handled, by outcome (published, "
                   "deferred: the information bank did not answer)", ["outcome"])
