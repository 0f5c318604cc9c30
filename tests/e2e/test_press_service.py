"""A morning in the press office (scenario 7), through the gateway only, every answer checked against the
OpenAPI document: a local outlet's feed is read and its items about the municipality become clippings
once, however often they are read; the officer judges the tone with the suggestion's words in view and
flags the flooding in Emrez for Fen İşleri, whose mailbox is told and whose board shows it; a release
with a photo, embargoed a few seconds ahead and approved by the mayor's office, goes nowhere before its
time, then reaches the media segment with the photo attached and appears in the public releases feed.

The media segment lives in contacts, which the gateway does not expose yet: the test creates the media
contacts and their segment over RPC, as the information bank's own console would.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from nameko.standalone.rpc import ClusterRpcProxy

from tests.support.broker import wait_until
from tests.support.net import free_port
from tests.support import files

from .conftest import staff
from .documented import Documented, fen, makam, openapi, press, public  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

ISTANBUL = ZoneInfo("Europe/Istanbul")
FEN_MAILBOX = "fenisleri@gaziemir.bel.tr"  # notify's seed: directorate:fen-isleri
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4 + b"\xff\xd9"
PDF = files.pdf()
FLOODING = "Emrez Mahallesi'nde su baskını"


def b64(content):
    return base64.b64encode(content).decode()


# -- a local outlet's feed --------------------------------------------------------------------------
class Feed:
    """RSS 2.0 of a local outlet with an ETag (304 when asked with it); it remembers every request."""

    def __init__(self):
        self.items = []
        self.requests = []  # (path, If-None-Match sent, status answered)
        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def add(self, title, summary, minutes_ago=10):
        published = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
        self.items.append({"title": title, "summary": summary, "published": published,
                           "link": f"https://egetelgraf.example/haber/{len(self.items) + 1}"})

    def body(self):
        entries = "".join(
            f"<item><title>{item['title']}</title><link>{item['link']}</link>"
            f"<description>{item['summary']}</description><pubDate>{format_datetime(item['published'])}</pubDate>"
            f"</item>" for item in self.items)
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ege Telgraf</title>'
                f"<link>https://egetelgraf.example</link><description>Haberler</description>{entries}"
                "</channel></rss>").encode("utf-8")

    def _handler(self):
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = feed.body()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                asked = self.headers.get("If-None-Match")
                status = 304 if asked == etag else 200
                feed.requests.append((self.path, asked, status))
                self.send_response(status)
                self.send_header("ETag", etag)
                if status == 200:
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status == 200:
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def feed():
    with Feed() as serving:
        yield serving


@pytest.fixture(scope="module")
def morning(press, feed):
    """07:00: the outlet's feed is read; its items about Gaziemir are the clippings of the morning."""
    feed.add(FLOODING, "Gaziemir'in Emrez Mahallesi'nde gece yağan yağmur su baskınına yol açtı; mahalleli "
                       "belediyeye tepki gösterdi.", minutes_ago=4)
    feed.add("Gaziemir Belediyesi Sarnıç'ta yeni park açtı", "Sarnıç Mahallesi'ndeki yeni park hizmete açıldı ve "
                                                              "büyük ilgi gördü.", minutes_ago=3)
    feed.add("Gaziemir'de kültür festivali programı belli oldu", "Festival hafta sonu Gazikent'te yapılacak.",
             minutes_ago=2)
    feed.add("Bornova'da yeni trafik düzenlemesi", "Bornova Belediyesi trafik planını duyurdu.", minutes_ago=1)
    source = press.ok("POST", "/api/v1/press/sources", {"url": f"{feed.url}/rss", "outlet": "Ege Telgraf",
                                                        "interval_minutes": 5}, status=201)
    clippings = wait_until(lambda: _clippings(press, 3), timeout=30)
    assert len(clippings) == 3, clippings
    return {"source": source, "clippings": {c["title"]: c for c in clippings}}


def _clippings(press, expected):
    found = press.ok("GET", "/api/v1/press/clippings", params={"kind": "feed"})["clippings"]
    return found if len(found) >= expected else None


# -- the feed -------------------------------------------------------------------------------------------
def test_feed_items_about_the_municipality_become_clippings_once_however_often_they_are_read(press, feed, morning):
    assert set(morning["clippings"]) == {FLOODING, "Gaziemir Belediyesi Sarnıç'ta yeni park açtı",
                                         "Gaziemir'de kültür festivali programı belli oldu"}  # not Bornova's news
    # the same feed, repeating every story, read again (through two mirrors of it) with one new story:
    # only the new one is a new clipping
    feed.add("Gaziemir Belediyesi'ne çevre ödülü", "Gaziemir Belediyesi atık projesiyle ödüllendirildi.", 1)
    for copy in (1, 2):
        press.ok("POST", "/api/v1/press/sources", {"url": f"{feed.url}/rss?kopya={copy}", "outlet": "Ege Telgraf",
                                                   "interval_minutes": 5}, status=201)
    assert wait_until(lambda: len([r for r in feed.requests if r[2] == 200]) >= 3, timeout=30)
    assert wait_until(lambda: _clippings(press, 4), timeout=30)
    time.sleep(2)  # every read is recorded: still four
    page = press.ok("GET", "/api/v1/press/clippings", params={"kind": "feed", "limit": 2})
    assert page["total"] == 4 and len(page["clippings"]) == 2
    sources = {s["url"]: s for s in press.ok("GET", "/api/v1/press/sources")["sources"]}
    assert [sources[f"{feed.url}/rss{suffix}"]["clippings"] for suffix in ("", "?kopya=1", "?kopya=2")] == [3, 1, 0]
    assert {asked for _, asked, _ in feed.requests} == {None}  # each source's first read is unconditional …
    # … and the validator the outlet gave is kept for the next read (If-None-Match → 304, every 5 minutes)
    assert all(s["etag"] and s["last_outcome"] == "fetched" for s in sources.values() if s["url"].startswith(feed.url))
    assert press.ok("POST", "/api/v1/press/sources", {"url": f"{feed.url}/rss", "outlet": "Ege Telgraf"},
                    status=201)["id"] == morning["source"]["id"]  # a URL added again is the same source


# -- tone, the flag, the board ---------------------------------------------------------------------------
def test_the_officer_sets_the_tone_with_the_suggestions_words_in_view(press, morning):
    flooding = morning["clippings"][FLOODING]
    suggestion = flooding["tone_suggestion"]
    assert (suggestion["suggestion"], suggestion["final"], flooding["tone"]) == ("aleyhte", False, None)
    assert {"su baskın", "tepki"} <= {evidence["term"] for evidence in suggestion["evidence"]}
    assert any(e["found"].startswith("su baskın") for e in suggestion["evidence"])  # as written, suffix and all
    judged = press.ok("PUT", "/api/v1/press/clippings/{clipping_id}/tone", {"tone": "aleyhte"},
                      clipping_id=flooding["id"])
    assert (judged["tone"], judged["tone_label"], judged["tone_set_by"]) == ("aleyhte", "Aleyhte", "press")
    assert judged["tone_suggestion"] == suggestion  # the suggestion stays a suggestion
    park = morning["clippings"]["Gaziemir Belediyesi Sarnıç'ta yeni park açtı"]
    assert park["tone_suggestion"]["suggestion"] == "lehte"
    press.ok("PUT", "/api/v1/press/clippings/{clipping_id}/tone", {"tone": "lehte"}, clipping_id=park["id"])
    classified = press.ok("POST", "/api/v1/press/clippings/{clipping_id}/classify",
                          {"topic": "park", "new_practice": True}, clipping_id=park["id"])
    assert (classified["topic"], classified["new_practice"]) == ("park", True)
    refused = press("PUT", "/api/v1/press/clippings/{clipping_id}/tone", {"tone": "olumlu"}, clipping_id=park["id"])
    assert refused.status_code == 422 and "tone" in refused.json()["errors"]


def test_flooding_flagged_for_fen_isleri_reaches_its_mailbox_once_and_the_board(system, press, fen, public, morning):
    flooding = morning["clippings"][FLOODING]
    flagged = press.ok("POST", "/api/v1/press/clippings/{clipping_id}/flag", {
        "important": True, "directorates": ["fen-isleri"], "note": "Emrez'e ekip gönderilmeli."},
        clipping_id=flooding["id"])
    assert (flagged["important"], flagged["directorates"]) == (True, ["fen-isleri"])

    def told():
        return [m for m in system.smtp_sink.messages() if m["To"] == FEN_MAILBOX and FLOODING in m["Subject"]]
    mails = wait_until(told, timeout=30)
    assert mails, "Fen İşleri's mailbox was not told"
    assert "Emrez'e ekip gönderilmeli." in mails[0].get_body(("plain",)).get_content()
    press.ok("POST", "/api/v1/press/clippings/{clipping_id}/flag", {"important": True, "directorates": ["fen-isleri"]},
             clipping_id=flooding["id"])  # flagged again: Fen İşleri is not told twice
    time.sleep(3)
    assert len(told()) == 1

    board = fen.ok("GET", "/api/v1/press/board")["items"]  # the directorate reads the board …
    assert [(i["title"], i["tone"], i["tone_label"]) for i in board] == [(FLOODING, "aleyhte", "Aleyhte")]
    assert fen("GET", "/api/v1/press/clippings").status_code == 403  # … and nothing else of the press office
    found = press.ok("GET", "/api/v1/press/clippings", params={"important": "true", "directorate": "fen-isleri"})
    assert [c["title"] for c in found["clippings"]] == [FLOODING]

    page = public("GET", "/press/board")  # the wall screen's page: public, and without the news
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Basın Panosu" in page.text and FLOODING not in page.text and "/api/v1/press/board" in page.text
    assert "script-src 'sha256-" in page.headers["Content-Security-Policy"]
    assert public("GET", "/api/v1/press/board").status_code == 401


def test_clippings_are_searched_in_turkish(press, morning):
    found = press.ok("GET", "/api/v1/press/clippings/search", params={"q": "SU BASKINI"})
    assert found["clippings"][0]["title"] == FLOODING
    parks = press.ok("GET", "/api/v1/press/clippings/search", params={"q": "park -festival", "tone": "lehte"})
    assert [c["title"] for c in parks["clippings"]] == ["Gaziemir Belediyesi Sarnıç'ta yeni park açtı"]
    assert press("GET", "/api/v1/press/clippings/search", params={"q": ""}).status_code == 422


def test_a_clipping_from_print_keeps_its_scan_and_the_digest_reads_the_day(press, system, openapi, morning):
    clipping = press.ok("POST", "/api/v1/press/clippings", {
        "title": "Gaziemir'de muhtarlar toplantısı", "outlet": "Yeni Asır", "kind": "print",
        "page_or_programme": "s. 4",
        "published_at": datetime.now(ISTANBUL).isoformat(timespec="seconds"),
        "scan": {"filename": "kupür.pdf", "content_type": "application/pdf", "content_base64": b64(PDF)}}, status=201)
    assert (clipping["kind"], clipping["has_scan"]) == ("print", True)
    scan = press.ok("GET", "/api/v1/press/clippings/{clipping_id}/scan", clipping_id=clipping["id"])
    assert scan.content == PDF and scan.headers["Content-Type"] == "application/pdf"
    assert press("GET", "/api/v1/press/clippings/{clipping_id}/scan",
                 clipping_id=morning["clippings"][FLOODING]["id"]).status_code == 404  # a feed item has none
    wrong = press("POST", "/api/v1/press/clippings", {
        "title": "Tarama", "outlet": "Yeni Asır", "kind": "print", "published_at": "2026-11-25T07:00:00+03:00",
        "scan": {"filename": "kupur.pdf", "content_type": "application/pdf", "content_base64": b64(JPEG)}})
    assert wrong.status_code == 422 and "scan" in wrong.json()["errors"]  # press's own check, in Turkish

    today = datetime.now(ISTANBUL).date().isoformat()
    digest = Documented(staff(system, "pr"), openapi).ok("GET", "/api/v1/press/digests/{day}", day=today)
    assert digest["day"] == today and digest["total"] >= 5 and FLOODING in digest["text"]
    pdf = press.ok("GET", "/api/v1/press/digests/{day}.pdf", day=today)
    assert pdf.content.startswith(b"%PDF") and digest["pdf_url"] == f"/api/v1/press/digests/{today}.pdf"
    assert press("GET", "/api/v1/press/digests/{day}", day="2026-13-01").status_code == 422


# -- a release under embargo -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def media_segment(system):
    """The media list in the information bank: two journalists who may be sent releases, one who may
    not (no lawful basis). Created over RPC: contacts has no gateway routes yet."""
    officer = {"id": "press", "role": "press_officer", "directorate": None}
    with ClusterRpcProxy({"AMQP_URI": system.amqp_uri}, timeout=30) as cluster:
        ids = [cluster.contacts.create_contact({"kind": "person", "full_name": name, "category": "gazeteci",
                                                "emails": [email], "consent": consent}, officer)["id"]
               for name, email, consent in (
                   ("Deniz Kara", "deniz.kara@egetelgraf.example", {"basis": "alenilestirme"}),
                   ("Selin Koç", "selin.koc@yeniasir.example", {"basis": "acik_riza"}),
                   ("Burak Şahin", "burak.sahin@tv.example", {}))]
        segment = cluster.contacts.create_segment({"name": f"Yerel basın {uuid.uuid4().hex[:6]}", "kind": "fixed",
                                                   "members": ids}, officer)
    return segment["id"]


def test_an_embargoed_release_approved_by_the_mayors_office_reaches_the_media_and_the_feed_at_its_time(
        system, press, makam, public, media_segment):
    embargo = datetime.now(timezone.utc) + timedelta(seconds=20)
    title = f"Sarnıç'a yeni park {uuid.uuid4().hex[:6]}"
    release = press.ok("POST", "/api/v1/press/releases", {
        "title": title, "summary": "Sarnıç Mahallesi'ne 12 dönümlük park.", "body": "Gaziemir Belediyesi …",
        "embargo_until": embargo.astimezone(ISTANBUL).isoformat(), "segment_id": media_segment}, status=201)
    photo = press.ok("POST", "/api/v1/press/releases/{release_id}/photos", {
        "filename": "park.jpg", "content_type": "image/jpeg", "content_base64": b64(JPEG), "caption": "Yeni park"},
        release_id=release["id"], status=201)
    mismatched = press("POST", "/api/v1/press/releases/{release_id}/photos", {
        "filename": "park.png", "content_type": "image/png", "content_base64": b64(JPEG)}, release_id=release["id"])
    assert mismatched.status_code == 422 and "photo" in mismatched.json()["errors"]
    seen = makam.ok("GET", "/api/v1/press/releases/{release_id}/photos/{photo_id}", release_id=release["id"],
                    photo_id=photo["id"])  # the mayor's office sees the photo before approving
    assert seen.content == JPEG
    early = makam("POST", "/api/v1/press/releases/{release_id}/approve", release_id=release["id"])
    assert early.status_code == 409 and "Taslak" in early.json()["detail"]  # a draft is not approved
    assert press.ok("POST", "/api/v1/press/releases/{release_id}/submit",
                    release_id=release["id"])["state"] == "onay_bekliyor"
    assert press("POST", "/api/v1/press/releases/{release_id}/approve", release_id=release["id"]).status_code == 403
    approved = makam.ok("POST", "/api/v1/press/releases/{release_id}/approve", {"comment": "Uygundur."},
                        release_id=release["id"])
    assert (approved["state"], approved["approved_by"]) == ("onaylandi", "makam")

    time.sleep(3)  # the publisher has looked several times: the embargo holds
    assert datetime.now(timezone.utc) < embargo - timedelta(seconds=2), "too slow to see the embargo hold"
    assert press.ok("GET", "/api/v1/press/releases/{release_id}", release_id=release["id"])["state"] == "onaylandi"
    assert not [m for m in system.smtp_sink.messages() if m["Subject"] == title]
    assert title not in public.ok("GET", "/press/releases.rss").text
    assert public("GET", "/api/v1/press/photos/{photo_id}", photo_id=photo["id"]).status_code == 404

    published = wait_until(lambda: _state(press, release["id"], "yayimlandi"), timeout=60)
    assert published, "the release was not published after its embargo"
    assert datetime.fromisoformat(published["published_at"]) >= embargo
    assert sorted(r["email"] for r in published["recipients"]) == ["deniz.kara@egetelgraf.example",
                                                                     "selin.koc@yeniasir.example"]
    mails = wait_until(lambda: _mails(system, title, 2), timeout=30)
    assert sorted(m["To"] for m in mails) == ["deniz.kara@egetelgraf.example", "selin.koc@yeniasir.example"]
    for mail in mails:
        attachments = [(a.get_filename(), a.get_content()) for a in mail.iter_attachments()]
        assert attachments == [("park.jpg", JPEG)]

    rss = public.ok("GET", "/press/releases.rss")
    assert rss.headers["Content-Type"].startswith("application/rss+xml")
    item = next(i for i in ElementTree.fromstring(rss.content).iter("item") if i.findtext("title") == title)
    link = urlsplit(item.find("enclosure").get("url")).path
    assert link == f"/api/v1/press/photos/{photo['id']}"
    shown = public.ok("GET", "/api/v1/press/photos/{photo_id}", photo_id=photo["id"])
    assert shown.content == JPEG and shown.headers["Content-Type"] == "image/jpeg"
    late = press("PUT", "/api/v1/press/releases/{release_id}", {"title": "Değişti"}, release_id=release["id"])
    assert late.status_code == 409 and late.json()["detail"]


def test_a_photo_of_a_release_not_published_is_never_served_publicly(press, public):
    draft = press.ok("POST", "/api/v1/press/releases", {"title": "Taslak bülten", "body": "Henüz değil."}, status=201)
    photo = press.ok("POST", "/api/v1/press/releases/{release_id}/photos", {
        "filename": "gizli.jpg", "content_type": "image/jpeg", "content_base64": b64(JPEG)},
        release_id=draft["id"], status=201)
    assert public("GET", "/api/v1/press/photos/{photo_id}", photo_id=photo["id"]).status_code == 404
    assert press.ok("GET", "/api/v1/press/releases/{release_id}/photos/{photo_id}", release_id=draft["id"],
                    photo_id=photo["id"]).content == JPEG
    other = press.ok("POST", "/api/v1/press/releases", {"title": "Başka", "body": "Metin."}, status=201)
    assert press("GET", "/api/v1/press/releases/{release_id}/photos/{photo_id}", release_id=other["id"],
                 photo_id=photo["id"]).status_code == 404  # a photo only under its own release
    edited = press.ok("PUT", "/api/v1/press/releases/{release_id}", {"summary": "Kısa özet."}, release_id=draft["id"])
    assert (edited["version"], len(edited["versions"])) == (2, 1)
    removed = press.ok("DELETE", "/api/v1/press/releases/{release_id}/photos/{photo_id}", release_id=draft["id"],
                       photo_id=photo["id"])
    assert removed["photos"] == []
    drafts = press.ok("GET", "/api/v1/press/releases", params={"state": "taslak"})
    assert {draft["id"], other["id"]} <= {r["id"] for r in drafts["releases"]}


def test_the_edge_refuses_unknown_fields_and_control_characters(press):
    unknown = press("POST", "/api/v1/press/releases", {"title": "A", "body": "B", "oncelik": "yüksek"})
    assert unknown.status_code == 422 and unknown.json()["errors"] == {"oncelik": ["Bilinmeyen alan."]}
    control = press("POST", "/api/v1/press/releases", {"title": "Bülten\x00", "body": "B"})
    assert control.status_code == 422 and "title" in control.json()["errors"]


def _state(press, release_id, state):
    release = press.ok("GET", "/api/v1/press/releases/{release_id}", release_id=release_id)
    return release if release["state"] == state else None


def _mails(system, subject, expected):
    found = [m for m in system.smtp_sink.messages() if m["Subject"] == subject]
    return found if len(found) >= expected else None


# -- the office's registers --------------------------------------------------------------------------------
def test_publications_subscriptions_and_productions_are_kept(press, makam):
    publication = press.ok("POST", "/api/v1/press/publications", {
        "title": "Gaziemir Bülten", "kind": "bulletin", "frequency": "aylık"}, status=201)
    issue = press.ok("POST", "/api/v1/press/publications/{publication_id}/issues", {
        "number": 12, "issued_on": "2026-11-01", "print_run": 5000,
        "pdf": {"filename": "bulten-12.pdf", "content_type": "application/pdf", "content_base64": b64(PDF)}},
        publication_id=publication["id"], status=201)
    assert (issue["number"], issue["has_pdf"]) == (12, True)
    again = press("POST", "/api/v1/press/publications/{publication_id}/issues",
                  {"number": 12, "issued_on": "2026-11-01"}, publication_id=publication["id"])
    assert again.status_code == 409 and "12 sayılı sayısı zaten kayıtlı" in again.json()["detail"]  # a conflict
    distributed = press.ok("PUT", "/api/v1/press/publications/{publication_id}/distribution",
                           {"segment_ids": ["muhtarlar", "stk"]}, publication_id=publication["id"])
    assert distributed["segment_ids"] == ["muhtarlar", "stk"]
    listed = makam.ok("GET", "/api/v1/press/publications")["publications"]
    assert [i["number"] for p in listed if p["id"] == publication["id"] for i in p["issues"]] == [12]

    subscription = press.ok("POST", "/api/v1/press/subscriptions", {
        "publication": "Yeni Asır", "period": "yearly", "cost": "4800.00", "started_on": "2026-01-31",
        "paid_until": "2027-01-31"}, status=201)
    renewed = press.ok("POST", "/api/v1/press/subscriptions/{subscription_id}/renew",
                       subscription_id=subscription["id"])
    assert renewed["paid_until"] == "2028-01-31"
    cancelled = press.ok("POST", "/api/v1/press/subscriptions/{subscription_id}/cancel",
                         subscription_id=subscription["id"])
    assert (cancelled["active"], cancelled["renews_on"]) == (False, None)
    active = press.ok("GET", "/api/v1/press/subscriptions", params={"active_only": "true"})["subscriptions"]
    assert subscription["id"] not in {s["id"] for s in active}

    production = press.ok("POST", "/api/v1/press/productions", {
        "title": "Gaziemir'in Sesi", "kind": "programme", "outlet": "Ege TV", "partners": ["Ege TV"]}, status=201)
    aired = press.ok("PUT", "/api/v1/press/productions/{production_id}/status",
                     {"status": "yayinlandi", "notes": "İlk bölüm yayında."}, production_id=production["id"])
    assert (aired["status"], aired["status_label"]) == ("yayinlandi", "Yayınlandı")
    shown = makam.ok("GET", "/api/v1/press/productions", params={"status": "yayinlandi"})["productions"]
    assert [p["id"] for p in shown] == [production["id"]]
    assert press("PUT", "/api/v1/press/productions/{production_id}/status", {"status": "bitti"},
                 production_id=production["id"]).status_code == 422


# -- the wall screen --------------------------------------------------------------------------------------
def gateway_admin(system, *args):
    return subprocess.run([sys.executable, "-m", "gateway.cli", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "DB_URL": system.gateway_db})


def test_a_wall_screen_reads_the_board_with_its_own_key_until_it_is_revoked(system, press, public):
    made = gateway_admin(system, "create-screen", "Basın odası duvar ekranı", "--url", system.url)
    assert made.returncode == 0, made.stderr
    address = re.search(r"(\S+/press/board#ekran=(\S+))", made.stdout)
    assert address and address.group(1).startswith(system.url)
    screen = {"Authorization": f"Screen {address.group(2)}"}
    shown = public("GET", "/api/v1/press/board", headers=screen)
    assert shown.status_code == 200 and shown.json() == press.ok("GET", "/api/v1/press/board")
    assert public("GET", "/api/v1/press/clippings", headers=screen).status_code == 403  # the board only
    screen_id = re.search(r"\(([0-9a-f-]{36})\)", made.stdout).group(1)
    assert "Basın odası duvar ekranı" in gateway_admin(system, "list-screens").stdout
    assert gateway_admin(system, "revoke-screen", screen_id).returncode == 0
    revoked = public("GET", "/api/v1/press/board", headers=screen)
    assert revoked.status_code == 401
