"""The SSRF issue, on press as it runs in production (no allow-list): a press officer's news source that
leads inside the platform's network is refused when added, and one stored before that check is never
asked; its `last_error` says so in general words, naming no host or port that answered."""
import uuid

import pytest

from press.exceptions import InvalidInput
from servicekit import outbound

from .conftest import OFFICER, start_press

REFUSED = outbound.REASONS["network"]
PARK = ("Gaziemir'de yeni park hizmete açıldı", "https://egetelgraf.example/haber/yeni-park",
        "Sarnıç Mahallesi'ne yeni park kazandırıldı.")


@pytest.fixture
def production_press(press_config, container_factory):
    config = {key: value for key, value in press_config.items() if key not in ("PLATFORM_ENV", "OUTBOUND_ALLOW")}
    return start_press(container_factory, config)


def test_a_source_inside_the_network_is_refused_when_added(production_press, feed):
    port = feed.url.split(":")[2].split("/")[0]
    for url in (feed.url, f"http://localhost:{port}/rss", f"https://[::1]:{port}/rss", "http://169.254.169.254/",
                "http://10.1.2.3/rss", f"http://0.0.0.0:{port}/rss"):
        with pytest.raises(InvalidInput) as refused:
            production_press.add_source({"url": url, "outlet": "İç Ağ"}, OFFICER)
        assert refused.value.args[0] == {"url": [REFUSED]}
    with pytest.raises(InvalidInput) as refused:
        production_press.add_source({"url": "https://kullanici:parola@egetelgraf.example/rss", "outlet": "X"}, OFFICER)
    assert refused.value.args[0] == {"url": [outbound.REASONS["credentials"]]}
    assert production_press.list_sources() == [] and feed.requests == []


def test_a_stored_source_inside_the_network_is_never_asked_and_its_error_names_nothing(production_press, feed, query):
    """A source kept before the check existed (or whose name now points inside): read, it is refused at
    the connection; the feed's story never becomes a clipping others could read."""
    feed.publish(PARK)
    query("INSERT INTO sources (id, url, outlet, fetch_interval, next_fetch_at, created_by) "
          "VALUES (%s, %s, 'İç Ağ', interval '30 minutes', now() - interval '1 minute', 'ayse')",
          str(uuid.uuid4()), feed.url)
    production_press.fetch_feeds()
    [source] = production_press.list_sources()
    assert feed.requests == []
    assert (source["last_outcome"], source["last_error"], source["consecutive_failures"]) == ("failed", REFUSED, 1)
    assert production_press.list_clippings()["total"] == 0


def test_a_development_system_reads_its_own_local_feeds(press, feed):
    """The allow-list (PLATFORM_ENV=development, OUTBOUND_ALLOW=127.0.0.1): the same local feed is read."""
    feed.publish(PARK)
    press.add_source({"url": feed.url, "outlet": "Ege Telgraf"}, OFFICER)
    press.fetch_feeds()
    assert [status for _, _, status in feed.requests] == [200]
    assert press.list_clippings()["total"] == 1
