"""The clippings archive: Turkish search with filters, a person's tone, and flagging what matters."""
import base64
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from contracts import press as events
from press.exceptions import InvalidInput, NotAllowed, NotFound

from .conftest import DIRECTORATE_STAFF, OFFICER, published

IST = ZoneInfo("Europe/Istanbul")
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def clipping(press, title, day, outlet="Yeni Asır", summary="", **extra):
    return press.add_clipping({"title": title, "outlet": outlet, "kind": "print", "summary": summary,
                               "published_at": day.isoformat(), "page_or_programme": "s. 3", **extra}, OFFICER)


def titles(answer):
    return sorted(c["title"] for c in answer["clippings"])


def test_turkish_search_finds_suffixed_words_and_keeps_to_the_filters(press):
    parki = clipping(press, "Gaziemir'in yeni parkı açıldı", datetime(2026, 11, 20, 9, 0, tzinfo=IST))
    parking = clipping(press, "Sarnıç'ta otopark yok, park yeri sorunu büyüyor",
                       datetime(2026, 11, 10, 23, 30, tzinfo=IST), outlet="Ege Telgraf")
    clipping(press, "Emrez'de su baskını", datetime(2026, 11, 20, 10, 0, tzinfo=IST),
             summary="Yağmur sonrası IŞIKLANDIRMA da çalışmadı.")
    press.set_tone(parki["id"], "lehte", OFFICER)
    press.set_tone(parking["id"], "aleyhte", OFFICER)

    found = press.search_clippings("park")
    assert titles(found) == sorted([parki["title"], parking["title"]]) and found["total"] == 2
    assert found["total_exact"] and [c["id"] for c in found["clippings"]] == [parki["id"], parking["id"]]  # newest
    assert titles(press.search_clippings("park", {"sort": "relevance"})) == titles(found)
    assert press.search_clippings("parkı")["clippings"][0]["id"] == parki["id"]
    assert titles(press.search_clippings("park", {"date_from": "2026-11-15"})) == [parki["title"]]
    # the day is Istanbul's: 23:30 on the 10th is still the 10th
    assert titles(press.search_clippings("park", {"date_to": "2026-11-10"})) == [parking["title"]]
    assert titles(press.search_clippings("park", {"tone": "aleyhte"})) == [parking["title"]]
    assert titles(press.search_clippings("park", {"outlet": "Yeni Asır"})) == [parki["title"]]
    assert press.search_clippings("park", {"tone": "none"})["total"] == 0
    # Turkish letters either way: I/ı and İ/i are pairs
    assert titles(press.search_clippings("ışıklandırma")) == ["Emrez'de su baskını"]
    assert titles(press.search_clippings("GAZİEMİR")) == [parki["title"]]
    assert press.search_clippings('"su baskını" -park')["total"] == 1
    page = press.list_clippings({"date_from": "2026-11-01"}, limit=2, offset=2)
    assert page["total"] == 3 and len(page["clippings"]) == 1
    with pytest.raises(InvalidInput):
        press.search_clippings("park", {"tone": "olumlu"})


def test_a_clipping_entered_by_hand_keeps_its_scan_and_is_not_entered_twice(press):
    day = datetime(2026, 11, 25, 7, 0, tzinfo=IST)
    scan = {"filename": "../../kupur.jpg", "content_type": "image/jpeg",
            "content_base64": base64.b64encode(JPEG).decode()}
    first = clipping(press, "Gaziemir'de kreş kayıtları başladı", day, scan=scan, new_practice=True)
    again = clipping(press, "Gaziemir’de kreş kayıtları başladı.", day)
    assert again["id"] == first["id"] and press.list_clippings()["total"] == 1
    assert first["has_scan"] and first["kind"] == "print" and first["new_practice"] is True
    assert press.attachment("clipping_scan", first["id"]) == {
        "filename": "kupur.jpg", "content_type": "image/jpeg", "content_base64": scan["content_base64"]}
    with pytest.raises(InvalidInput) as refused:
        clipping(press, "Başka haber", day, scan={**scan, "content_type": "image/png"})
    assert "scan" in refused.value.args[0]
    with pytest.raises(NotFound):
        press.attachment("clipping_scan", press.add_clipping(
            {"title": "Radyoda Gaziemir", "outlet": "Ege FM", "kind": "radio", "published_at": day.isoformat()},
            OFFICER)["id"])


def test_flagging_tells_the_directorates_once_and_puts_it_on_the_board(press, amqp_uri, query):
    press.clock.set(datetime(2026, 11, 26, 7, 30, tzinfo=IST))
    flood = clipping(press, "Emrez'de su baskını: evleri su bastı", datetime(2026, 11, 25, 23, 15, tzinfo=IST),
                     outlet="Ege Telgraf", url="https://egetelgraf.example/haber/emrez")
    press.set_tone(flood["id"], "aleyhte", OFFICER)
    with pytest.raises(NotAllowed):
        press.flag_clipping(flood["id"], DIRECTORATE_STAFF, directorates=["fen-isleri"])

    press.flag_clipping(flood["id"], OFFICER, directorates=["fen-isleri"], note="Kanal tıkalı.")
    flagged = press.flag_clipping(flood["id"], OFFICER, directorates=["fen-isleri"], note="Kanal tıkalı.")
    assert flagged["important"] and flagged["directorates"] == ["fen-isleri"]
    [payload] = published(amqp_uri, query, events.CLIPPING_FLAGGED)
    assert payload == {"clipping_id": flood["id"], "title": flood["title"], "outlet": "Ege Telgraf",
                       "url": "https://egetelgraf.example/haber/emrez", "published_at": "2026-11-25T20:15:00+00:00",
                       "tone": "aleyhte", "directorates": ["fen-isleri"], "note": "Kanal tıkalı.", "flagged_by": "ayse"}

    # flagged this morning, so today's news for the office, though it appeared last night
    [item] = press.board()
    assert (item["id"], item["tone_label"], item["local_time"]) == (flood["id"], "Aleyhte", "07:30")
    assert press.search_clippings("", {"directorate": "fen-isleri", "important": True})["total"] == 1

    # another directorate to tell: only it hears
    press.flag_clipping(flood["id"], OFFICER, directorates=["fen-isleri", "zabita"])
    [again] = published(amqp_uri, query, events.CLIPPING_FLAGGED)
    assert again["directorates"] == ["zabita"]
    press.flag_clipping(flood["id"], OFFICER, important=False)
    assert press.board() == []
    press.clock.advance(timedelta(days=1))
    assert published(amqp_uri, query, events.CLIPPING_FLAGGED) == []


def test_the_tone_is_a_persons_choice_from_three(press):
    item = clipping(press, "Gaziemir'e ödül", datetime(2026, 11, 25, 9, 0, tzinfo=IST))
    assert item["tone"] is None and item["tone_suggestion"]["suggestion"] == "lehte"
    toned = press.set_tone(item["id"], "tarafsiz", OFFICER)
    assert (toned["tone"], toned["tone_set_by"]) == ("tarafsiz", "ayse")
    assert toned["tone_suggestion"]["suggestion"] == "lehte"
    with pytest.raises(InvalidInput):
        press.set_tone(item["id"], "olumlu", OFFICER)
    with pytest.raises(NotFound):
        press.set_tone("00000000-0000-0000-0000-000000000000", "lehte", OFFICER)
