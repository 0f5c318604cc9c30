"""The press board: today's important items (Istanbul day), newest first, limited, with tone."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from press.board import board_items

UTC = timezone.utc
IST = ZoneInfo("Europe/Istanbul")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=IST)


def clipping(n, at, important=True, important_at=None, tone=None, published=True):
    return {"id": n, "title": f"Haber {n}", "outlet": "Yeni Asır", "url": f"https://haber.example/{n}",
            "published_at": at if published else None, "captured_at": at, "important": important,
            "important_at": important_at, "tone": tone}


def ids(items):
    return [item["id"] for item in items]


def test_todays_important_items_newest_first_with_their_tone():
    items = board_items([clipping(1, NOW - timedelta(hours=3), tone="aleyhte"),
                         clipping(2, NOW - timedelta(hours=1), tone="lehte"),
                         clipping(3, NOW - timedelta(hours=2))], NOW)
    assert ids(items) == [2, 3, 1]
    assert [(i["tone"], i["tone_label"]) for i in items] == [
        ("lehte", "Lehte"), (None, "Değerlendirilmedi"), ("aleyhte", "Aleyhte")]
    assert items[0]["local_time"] == "09:00" and items[0]["title"] == "Haber 2"


def test_items_not_flagged_important_are_not_shown():
    assert board_items([clipping(1, NOW - timedelta(hours=1), important=False)], NOW) == []


def test_yesterdays_news_flagged_yesterday_is_gone_today():
    yesterday = datetime(2026, 11, 25, 23, 59, tzinfo=IST)
    assert board_items([clipping(1, yesterday, important_at=yesterday)], NOW) == []


def test_last_nights_story_flagged_this_morning_is_on_the_board_at_its_flag_time():
    (item,) = board_items([clipping(1, datetime(2026, 11, 25, 22, 30, tzinfo=IST),
                                    important_at=datetime(2026, 11, 26, 7, 30, tzinfo=IST))], NOW)
    assert item["at"] == datetime(2026, 11, 26, 7, 30, tzinfo=IST) and item["local_time"] == "07:30"


def test_the_day_is_the_istanbul_day_not_the_utc_day():
    just_after_midnight = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)   # 26 November 00:30 in Istanbul
    assert ids(board_items([clipping(1, just_after_midnight)], NOW)) == [1]
    assert ids(board_items([clipping(1, just_after_midnight)], datetime(2026, 11, 25, 23, 0, tzinfo=UTC))) == [1]


def test_an_item_without_a_publication_time_counts_from_its_capture():
    assert ids(board_items([clipping(1, NOW - timedelta(minutes=5), published=False)], NOW)) == [1]


def test_the_board_is_limited_to_the_newest():
    many = [clipping(n, NOW - timedelta(minutes=n)) for n in range(20)]
    assert ids(board_items(many, NOW, limit=3)) == [0, 1, 2]
    assert len(board_items(many, NOW)) == 12
    assert board_items(many, NOW, limit=0) == []
