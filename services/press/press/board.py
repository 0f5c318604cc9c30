"""The press board (basın panosu): today's important news about the municipality, newest first.

An item is on today's board when an officer flagged it important and either the story appeared today
or it was flagged today (Istanbul calendar day): a story from last night flagged at 07:30 is today's
news for the office. Its place on the board is the later of the two moments.
"""
from __future__ import annotations

from datetime import datetime

from press.clippings import ISTANBUL, clipping_time, istanbul_day
from press.tone import LABELS

DEFAULT_LIMIT = 12


def board_items(clippings, now: datetime, limit: int = DEFAULT_LIMIT) -> list[dict]:
    """What the board shows at `now`: at most `limit` of today's important clippings, newest first.

    Each: {"id", "title", "outlet", "url", "at" (aware datetime, the item's place in the order),
    "local_time" ("09:15", Istanbul), "tone" (a person's, or None), "tone_label"}.
    """
    today = istanbul_day(now)
    shown = []
    for clipping in clippings:
        if not clipping.get("important"):
            continue
        at = max(moment for moment in (clipping_time(clipping), clipping.get("important_at")) if moment)
        if istanbul_day(at) != today:
            continue
        shown.append({"id": clipping.get("id"), "title": clipping.get("title") or "",
                      "outlet": clipping.get("outlet") or "", "url": clipping.get("url"), "at": at,
                      "local_time": at.astimezone(ISTANBUL).strftime("%H:%M"),
                      "tone": clipping.get("tone"), "tone_label": LABELS.get(clipping.get("tone"), LABELS[None])})
    shown.sort(key=lambda item: item["at"], reverse=True)
    return shown[:max(limit, 0)]

