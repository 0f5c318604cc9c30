"""News feeds are read politely: a story becomes one clipping however often it is seen, an unchanged
feed costs a 304, and a source that does not answer is asked less and less often."""
from datetime import datetime, timedelta, timezone

import pytest

from press.exceptions import InvalidInput, NotAllowed
from tests.support.net import free_port

from .conftest import DIRECTORATE_STAFF, OFFICER

PARK = ("Gaziemir'de yeni park hizmete açıldı", "https://egetelgraf.example/haber/yeni-park?utm_source=rss",
        "Sarnıç Mahallesi'ne yeni park kazandırıldı.")
WEATHER = ("İzmir'de hafta sonu hava güneşli", "https://egetelgraf.example/haber/hava",
           "Sıcaklık mevsim normallerinde.")
FLOOD = ("Emrez'de su baskını", "https://egetelgraf.example/haber/su-baskini", "Yağmur sonrası şikâyetler arttı.")


def test_a_new_item_becomes_one_clipping_however_often_the_feed_is_read(press, feed):
    feed.publish(PARK, WEATHER)
    press.add_source({"url": feed.url, "outlet": "Ege Telgraf", "interval_minutes": 30}, OFFICER)
    press.fetch_feeds()
    for _ in range(3):
        press.clock.advance(timedelta(minutes=31))
        press.fetch_feeds()

    assert [status for _, _, status in feed.requests] == [200, 304, 304, 304]
    assert {etag for _, etag, _ in feed.requests[1:]} == {'"v1"'}  # asked conditionally
    [clipping] = press.list_clippings()["clippings"]  # the weather is not about the municipality
    assert (clipping["title"], clipping["outlet"], clipping["kind"]) == (PARK[0], "Ege Telgraf", "feed")
    assert clipping["keywords"] == ["Gaziemir", "Sarnıç Mahallesi"]
    # a suggestion with its words, never the tone itself
    assert clipping["tone"] is None and clipping["tone_label"] == "Değerlendirilmedi"
    suggestion = clipping["tone_suggestion"]
    assert suggestion["suggestion"] == "lehte" and suggestion["final"] is False
    assert "yeni park" in {evidence["term"] for evidence in suggestion["evidence"]}

    # the feed changes: the old story again (by another link to it), and a new one
    feed.publish((PARK[0], "http://www.egetelgraf.example/haber/yeni-park/", PARK[2]), FLOOD)
    press.clock.advance(timedelta(minutes=31))
    press.fetch_feeds()
    assert feed.requests[-1][2] == 200
    assert sorted(c["title"] for c in press.list_clippings()["clippings"]) == sorted([PARK[0], FLOOD[0]])
    [source] = press.list_sources()
    assert (source["etag"], source["consecutive_failures"], source["last_outcome"], source["clippings"]) == (
        '"v2"', 0, "fetched", 2)


def test_an_unreachable_feed_is_asked_less_and_less_often(press):
    press.clock.set(datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc))
    port = free_port()
    press.add_source({"url": f"http://127.0.0.1:{port}/rss", "outlet": "Kapalı Gazete", "interval_minutes": 30},
                     OFFICER)
    waits = []
    for _ in range(3):
        press.fetch_feeds()
        [source] = press.list_sources()
        next_fetch_at = datetime.fromisoformat(source["next_fetch_at"])
        waits.append(next_fetch_at - press.clock())
        press.fetch_feeds()  # not due yet: not asked again
        assert press.list_sources()[0]["consecutive_failures"] == len(waits)
        press.clock.set(next_fetch_at)
    assert waits[0] < waits[1] < waits[2]
    assert (source["last_outcome"], source["last_error"]) == ("failed", "Kaynağa bağlanılamadı.")  # no host or port
    assert press.list_clippings()["total"] == 0


def test_a_source_is_added_once_and_only_by_the_press_office(press, feed):
    first = press.add_source({"url": feed.url, "outlet": "Ege Telgraf"}, OFFICER)
    assert press.add_source({"url": feed.url, "outlet": "Ege Telgraf"}, OFFICER)["id"] == first["id"]
    assert first["interval_minutes"] == 30 and first["active"] is True
    with pytest.raises(InvalidInput) as refused:
        press.add_source({"url": "ftp://example.org/rss", "outlet": ""}, OFFICER)
    assert set(refused.value.args[0]) == {"url", "outlet"}
    with pytest.raises(NotAllowed, match="basın servisi"):
        press.add_source({"url": feed.url, "outlet": "Ege Telgraf"}, DIRECTORATE_STAFF)
