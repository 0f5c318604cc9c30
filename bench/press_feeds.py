"""Local news sites for press's feed reader: `feeds` RSS 2.0 feeds of `items` new stories each about
Gaziemir (`bench.press_corpus`), on 127.0.0.1, with an ETag and a Last-Modified on every answer and a
304 when the client sends the current ETag (as the tests' `FeedServer` does, and as real sites do).

It runs in the benchmark's own process (real threads: `ThreadingHTTPServer`), not in the probe, so
the probe's green threads do not share an interpreter with it; its CPU shows as "feed server".
"""
import threading
from datetime import timedelta
from email.utils import format_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# items are numbered from here, far past any bulk-loaded clipping, so no item is a story already kept
FIRST_ITEM = 50_000_000


class FeedServer:
    """`url(i)` is feed i's address; `counts` the answers given by status (200, 304, 404)."""

    def __init__(self, corpus, feeds, items):
        self.feeds, self.items = feeds, items
        self.counts = {}
        self._lock = threading.Lock()
        self.modified = corpus.now.replace(microsecond=0) - timedelta(minutes=5)
        self.bodies = [self._render(corpus, feed, items) for feed in range(feeds)]
        self.bytes = sum(len(body) for body in self.bodies)
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                feed = server._feed_of(self.path)
                if feed is None:
                    server._count(404)
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = f'"feed{feed}-v1"'
                unchanged = self.headers.get("If-None-Match") == etag
                server._count(304 if unchanged else 200)
                self.send_response(304 if unchanged else 200)
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", format_datetime(server.modified, usegmt=True))
                if unchanged:
                    self.end_headers()
                    return
                body = server.bodies[feed]
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="press-feeds", daemon=True)

    def url(self, feed):
        return f"{self.base_url}/feed/{feed}/rss"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def _feed_of(self, path):
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "feed" and parts[3] == "rss" and parts[2].isdigit():
            feed = int(parts[2])
            return feed if feed < self.feeds else None
        return None

    def _count(self, status):
        with self._lock:
            self.counts[status] = self.counts.get(status, 0) + 1

    @staticmethod
    def _render(corpus, feed, items):
        stories = [corpus.story(FIRST_ITEM + feed * items + i, recent_seconds=86400) for i in range(items)]
        site = f"yerelhaber{feed}.example"
        entries = "".join(
            f"<item><title>{escape(s['title'])}</title>"
            f"<link>https://{site}/haber/{s['slug']}?utm_source=rss&amp;utm_medium=feed</link>"
            f"<guid isPermaLink=\"false\">{site}-{s['n']}</guid>"
            f"<description>{escape('<p>' + escape(s['summary']) + '</p>')}</description>"
            f"<pubDate>{format_datetime(s['published_at'])}</pubDate></item>" for s in stories)
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>Yerel Haber {feed}</title><link>https://{site}/</link><description>İzmir ve Gaziemir "
                f"haberleri</description><language>tr</language>{entries}</channel></rss>").encode("utf-8")
