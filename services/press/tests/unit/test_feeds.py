"""Reading feeds against a real local HTTP server that honours ETag / Last-Modified, and the schedule;
and the SSRF issue's attacks on the feed reader: a source inside the platform's network, or one that
redirects there, is never asked, and what the press office is told names nothing that answered."""
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from press import feeds
from press.feeds import FAILED, FETCHED, NOT_MODIFIED, next_fetch_at
from servicekit import outbound

# the test's news sites run on this machine: they are read as a development system reads them, with
# the loopback on the allow-list; the attacks below use production's policy, which has none
DEVELOPMENT = outbound.Policy.from_config({"PLATFORM_ENV": "development", "OUTBOUND_ALLOW": "127.0.0.1"})
PRODUCTION = outbound.Policy.from_config({"OUTBOUND_ALLOW": "127.0.0.1"})  # not development: ignored


def fetch_feed(url, **kwargs):
    return feeds.fetch_feed(url, **{"policy": DEVELOPMENT, **kwargs})

UTC = timezone.utc

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Ege Telgraf</title><link>https://egetelgraf.example/</link><description>Yerel haber</description>
  <item>
    <title>Gaziemir'de yeni park hizmete açıldı</title>
    <link>https://egetelgraf.example/haber/yeni-park</link>
    <description>&lt;p&gt;Sarnıç Mahallesi'ne &lt;b&gt;yeni park&lt;/b&gt; kazandırıldı.&lt;/p&gt;</description>
    <pubDate>Wed, 25 Nov 2026 09:15:00 +0300</pubDate>
  </item>
  <item>
    <title>Emrez'de su baskını</title>
    <link>/haber/su-baskini</link>
    <description>Yağmur sonrası ŞİKÂYETLER arttı.</description>
  </item>
</channel></rss>
""".encode("utf-8")

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Yeni Asır — İzmir</title><id>urn:yeniasir</id><updated>2026-11-25T10:00:00+03:00</updated>
  <entry>
    <title>Gaziemir Belediyesi'nden ağaçlandırma</title>
    <link href="https://yeniasir.example/agac"/><id>urn:1</id>
    <updated>2026-11-25T08:30:00+03:00</updated>
    <summary type="html">&lt;p&gt;İlk fidanlar dikildi&lt;/p&gt;</summary>
  </entry>
</feed>
""".encode("utf-8")


class FeedServer(BaseHTTPRequestHandler):
    """Serves /rss and /atom like a careful news site: ETag and Last-Modified, 304 when unchanged."""
    routes = {}          # path -> {"body", "type", "etag", "last_modified", "status", "delay"}
    seen = []            # (path, request headers) of every request

    def do_GET(self):
        FeedServer.seen.append((self.path, dict(self.headers)))
        route = FeedServer.routes.get(self.path)
        if route is None:
            return self._send(404, b"yok", "text/plain")
        if route.get("delay"):
            time.sleep(route["delay"])
        if route.get("status"):
            return self._send(route["status"], b"hata", "text/plain")
        validators = {}
        if route.get("etag"):
            validators["ETag"] = route["etag"]
        if route.get("last_modified"):
            validators["Last-Modified"] = format_datetime(route["last_modified"], usegmt=True)
        if self._unchanged(route):
            return self._send(304, b"", None, validators)
        self._send(200, route["body"], route["type"], validators)

    def _unchanged(self, route):
        # RFC 9110: If-None-Match decides when present; If-Modified-Since only without it
        if "If-None-Match" in self.headers:
            return bool(route.get("etag")) and self.headers["If-None-Match"] == route["etag"]
        since = self.headers.get("If-Modified-Since")
        return bool(since and route.get("last_modified")) and route["last_modified"] <= parsedate_to_datetime(since)

    def _send(self, status, body, content_type, headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FeedServer.routes = {
        "/rss": {"body": RSS, "type": "application/rss+xml; charset=utf-8", "etag": '"v1"',
                 "last_modified": datetime(2026, 11, 25, 7, 0, tzinfo=UTC)},
        "/atom": {"body": ATOM, "type": "application/atom+xml", "etag": None,
                  "last_modified": datetime(2026, 11, 25, 7, 0, tzinfo=UTC)},
        "/html": {"body": b"<html><body><p>Bu bir haber sitesi</p></body></html>", "type": "text/html"},
        "/broken": {"status": 500},
        "/slow": {"body": RSS, "type": "application/rss+xml", "delay": 2},
    }
    FeedServer.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_first_read_fetches_the_items_and_the_validators(server):
    result = fetch_feed(server + "/rss", outlet="Ege Telgraf")
    assert result.status == FETCHED and result.ok and result.http_status == 200
    assert result.etag == '"v1"' and result.last_modified == "Wed, 25 Nov 2026 07:00:00 GMT"
    first, second = result.items
    assert first == {"url": "https://egetelgraf.example/haber/yeni-park",
                     "title": "Gaziemir'de yeni park hizmete açıldı",
                     "summary": "Sarnıç Mahallesi'ne yeni park kazandırıldı.",
                     "published_at": datetime(2026, 11, 25, 6, 15, tzinfo=UTC), "outlet": "Ege Telgraf"}
    assert first["published_at"].utcoffset() == timedelta(0)
    assert second["published_at"] is None
    assert second["summary"] == "Yağmur sonrası ŞİKÂYETLER arttı."


def test_a_relative_link_is_made_absolute_against_the_feed(server):
    second = fetch_feed(server + "/rss").items[1]
    assert second["url"] == server + "/haber/su-baskini"


def test_an_unchanged_feed_answers_304_to_the_stored_validators(server):
    first = fetch_feed(server + "/rss")
    again = fetch_feed(server + "/rss", etag=first.etag, last_modified=first.last_modified)
    assert again.status == NOT_MODIFIED and again.ok and again.items == ()
    assert (again.etag, again.last_modified) == (first.etag, first.last_modified)
    path, headers = FeedServer.seen[-1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Wed, 25 Nov 2026 07:00:00 GMT"
    assert "If-None-Match" not in FeedServer.seen[0][1]


def test_a_source_without_etag_is_asked_with_if_modified_since(server):
    first = fetch_feed(server + "/atom")
    assert first.status == FETCHED and first.etag is None
    again = fetch_feed(server + "/atom", last_modified=first.last_modified)
    assert again.status == NOT_MODIFIED
    assert "If-None-Match" not in FeedServer.seen[-1][1]


def test_a_changed_feed_is_fetched_again_with_its_new_validators(server):
    first = fetch_feed(server + "/rss")
    FeedServer.routes["/rss"].update(etag='"v2"', last_modified=datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    again = fetch_feed(server + "/rss", etag=first.etag, last_modified=first.last_modified)
    assert again.status == FETCHED and again.etag == '"v2"' and len(again.items) == 2
    assert again.last_modified == "Wed, 25 Nov 2026 08:00:00 GMT"


def test_an_atom_feed_gives_utc_times_and_its_own_title_as_outlet(server):
    (item,) = fetch_feed(server + "/atom").items
    assert item["outlet"] == "Yeni Asır — İzmir"
    assert item["published_at"] == datetime(2026, 11, 25, 5, 30, tzinfo=UTC)
    assert item["summary"] == "İlk fidanlar dikildi"


def test_a_server_error_is_a_failure_that_keeps_the_validators(server):
    result = fetch_feed(server + "/broken", etag='"v1"', last_modified="Wed, 25 Nov 2026 07:00:00 GMT")
    assert result.status == FAILED and not result.ok
    assert result.error == "Kaynak HTTP 500 ile cevap verdi." and result.http_status == 500
    assert (result.etag, result.last_modified) == ('"v1"', "Wed, 25 Nov 2026 07:00:00 GMT")


def test_a_page_that_is_no_feed_is_a_failure(server):
    result = fetch_feed(server + "/html")
    assert result.status == FAILED and result.error == "Adresteki sayfa okunabilir bir RSS ya da Atom haber akışı değil."


def test_a_body_naming_a_local_file_is_not_read_from_disk(server, tmp_path):
    local = tmp_path / "local.xml"
    local.write_bytes(RSS)
    FeedServer.routes["/path"] = {"body": str(local).encode(), "type": "application/rss+xml"}
    assert fetch_feed(server + "/path").status == FAILED


def test_a_slow_source_times_out_as_a_failure(server):
    result = fetch_feed(server + "/slow", timeout=0.3)
    assert result.status == FAILED and result.error == "Kaynak zamanında cevap vermedi."
    assert "Timeout" in result.detail


def test_an_unreachable_source_is_a_failure():
    with ThreadingHTTPServer(("127.0.0.1", 0), FeedServer) as closed:
        port = closed.server_address[1]
    result = fetch_feed(f"http://127.0.0.1:{port}/rss", timeout=2)
    assert result.status == FAILED and result.error == "Kaynağa bağlanılamadı." and result.detail == "ConnectionError"
    assert str(port) not in result.error  # the network library's words (host, port) stay in the logs


def test_an_oversized_feed_is_refused(server, monkeypatch):
    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", 100)
    result = fetch_feed(server + "/rss")
    assert result.status == FAILED and result.error == "Haber akışı 100 bayttan büyük; okunmadı."


# -- addresses a feed may not lead to (the SSRF issue) ---------------------------------------------------
class Redirector(BaseHTTPRequestHandler):
    """A public news site that answers every request with a redirect to `target`."""
    target = None

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.send_response(302)
        self.send_header("Location", Redirector.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def public_redirector():
    """On 127.0.0.2, standing for a public address: the one address the test's policy allows."""
    httpd = ThreadingHTTPServer(("127.0.0.2", 0), Redirector)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_source_inside_the_platforms_network_is_never_asked(server):
    port = server.rsplit(":", 1)[1]
    for url in (server + "/rss", f"http://localhost:{port}/rss", f"http://[::1]:{port}/rss",
                f"http://[::ffff:127.0.0.1]:{port}/rss"):
        result = feeds.fetch_feed(url, policy=PRODUCTION)
        assert result.status == FAILED and result.items == ()
        assert result.error == outbound.REASONS["network"]
    assert FeedServer.seen == []


def test_the_error_is_the_same_whether_an_inside_port_is_open_or_closed(server):
    with ThreadingHTTPServer(("127.0.0.1", 0), FeedServer) as closed:
        closed_port = closed.server_address[1]
    open_port = int(server.rsplit(":", 1)[1])
    errors = {feeds.fetch_feed(f"http://127.0.0.1:{port}/rss", policy=PRODUCTION).error
              for port in (open_port, closed_port)}
    assert errors == {outbound.REASONS["network"]}  # nothing to tell which port answered
    assert not any(str(port) in error for error in errors for port in (open_port, closed_port))
    assert FeedServer.seen == []


def test_a_public_source_that_redirects_inside_is_refused_at_the_redirect(server, public_redirector):
    Redirector.target = server + "/rss"
    policy = outbound.Policy(allowed_networks=(outbound.ipaddress.ip_network("127.0.0.2/32"),))
    result = feeds.fetch_feed(public_redirector + "/rss", policy=policy)
    assert result.status == FAILED and result.error == outbound.REASONS["network"]
    assert FeedServer.seen == []  # the inside feed was never asked
    Redirector.target = "/baska"  # a redirect on the same public site is followed (and answered 302 again)
    assert "yönlendirme" in feeds.fetch_feed(public_redirector + "/rss", policy=policy).error


def test_a_feed_items_link_that_is_not_http_is_not_kept(server):
    FeedServer.routes["/tuzak"] = {"type": "application/rss+xml", "body": b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tuzak</title><link>https://tuzak.example/</link><description>x</description>
  <item><title>Gaziemir 1</title><link>javascript:alert(document.cookie)</link></item>
  <item><title>Gaziemir 2</title><link>data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;</link></item>
  <item><title>Gaziemir 3</title><link>file:///etc/passwd</link></item>
  <item><title>Gaziemir 4</title><link> JaVaScRiPt:alert(1)</link></item>
  <item><title>Gaziemir 5</title><link>https://haber.example/gaziemir-5</link></item>
</channel></rss>"""}
    items = fetch_feed(server + "/tuzak").items
    assert [(item["title"], item["url"]) for item in items] == [
        ("Gaziemir 1", None), ("Gaziemir 2", None), ("Gaziemir 3", None), ("Gaziemir 4", None),
        ("Gaziemir 5", "https://haber.example/gaziemir-5")]


# -- schedule -------------------------------------------------------------------------------------------
NOW = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
HALF_HOUR = timedelta(minutes=30)


def test_after_a_success_the_next_read_is_one_interval_later():
    assert next_fetch_at(NOW, HALF_HOUR, 0) == NOW + HALF_HOUR


@pytest.mark.parametrize("failures, delay", [
    (1, timedelta(hours=1)), (2, timedelta(hours=2)), (3, timedelta(hours=4)),
    (4, timedelta(hours=6)), (5, timedelta(hours=6)), (10_000, timedelta(hours=6)),
])
def test_failures_in_a_row_back_off_exponentially_up_to_six_hours(failures, delay):
    assert next_fetch_at(NOW, HALF_HOUR, failures) == NOW + delay


def test_backoff_never_reads_a_daily_source_sooner_than_daily():
    assert next_fetch_at(NOW, timedelta(days=1), 3) == NOW + timedelta(days=1)


def test_any_success_resets_the_count_of_failures():
    ok = feeds.FetchResult(NOT_MODIFIED, None, None)
    failed = feeds.FetchResult(FAILED, None, None, error="HTTP 503")
    assert feeds.failures_after(ok, 4) == 0
    assert feeds.failures_after(failed, 4) == 5
