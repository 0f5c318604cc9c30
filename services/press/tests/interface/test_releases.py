"""Press releases: the mayor's office approves, nothing goes out before the embargo, and then it goes
out once, with its photos, to the media contacts of its segment."""
import base64
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from nameko.exceptions import UnknownService

from contracts import press as events
from press.exceptions import InvalidInput, InvalidTransition, NotAllowed, NotFound

from .conftest import DIRECTORATE_STAFF, MAYOR_OFFICE, OFFICER, published

IST = ZoneInfo("Europe/Istanbul")
JPEG = b"\xff\xd8\xff\xe0" + b"\x10" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x20" * 100
MEDIA = [{"contact_id": "c-1", "full_name": "Zeynep Şahin", "email": "zeynep@egetelgraf.example",
          "outlet": "Ege Telgraf"},
         {"contact_id": "c-2", "full_name": "Ali Kaya", "email": "ali@yeniasir.example"},
         {"contact_id": "c-3", "full_name": "Aynı Adres", "email": "ZEYNEP@egetelgraf.example"}]


def upload(name, content, content_type):
    return {"filename": name, "content_type": content_type, "content_base64": base64.b64encode(content).decode()}


def draft(press, **fields):
    return press.create_release({"title": "Sarnıç'a yeni park", "summary": "Yeni park hizmete açıldı.",
                                 "body": "Gaziemir Belediyesi Sarnıç Mahallesi'nde yeni parkı hizmete açtı.",
                                 "segment_id": "yerel-basin", **fields}, OFFICER)


def test_a_release_under_embargo_goes_out_after_it_with_photos_and_recipients(press, amqp_uri, query):
    press.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=IST))
    press.contacts.segment_members.return_value = MEDIA
    release = draft(press, embargo_until="2026-11-26T11:00:00+03:00")
    photos = [press.add_release_photo(release["id"], upload("park.jpg", JPEG, "image/jpeg"), OFFICER),
              press.add_release_photo(release["id"], upload("oyun-alani.png", PNG, "image/png"), OFFICER)]
    press.submit_release(release["id"], OFFICER)
    press.approve_release(release["id"], MAYOR_OFFICE)

    press.clock.set(datetime(2026, 11, 26, 10, 59, tzinfo=IST))
    press.publish_releases()
    assert press.get_release(release["id"])["state"] == "onaylandi"
    assert query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
    assert not press.contacts.segment_members.called

    press.clock.set(datetime(2026, 11, 26, 11, 0, 30, tzinfo=IST))
    press.publish_releases()
    press.publish_releases()
    [payload] = published(amqp_uri, query, events.RELEASE_PUBLISHED)
    press.contacts.segment_members.assert_called_once_with("yerel-basin")
    assert (payload["release_id"], payload["version"], payload["title"]) == (release["id"], 1, "Sarnıç'a yeni park")
    assert payload["published_at"] == "2026-11-26T08:00:30+00:00"
    assert payload["photos"] == [{"id": p["id"], "filename": p["filename"], "content_type": p["content_type"]}
                                 for p in photos]
    # each address once, and nothing the event does not describe
    assert payload["recipients"] == [
        {"contact_id": "c-1", "full_name": "Zeynep Şahin", "email": "zeynep@egetelgraf.example"},
        {"contact_id": "c-2", "full_name": "Ali Kaya", "email": "ali@yeniasir.example"}]
    shown = press.get_release(release["id"])
    assert shown["state"] == "yayimlandi" and len(shown["recipients"]) == 2
    assert press.attachment("release_photo", photos[0]["id"])["content_base64"] == base64.b64encode(JPEG).decode()

    item = ET.fromstring(press.releases_rss()).find("channel/item")
    assert item.findtext("title") == "Sarnıç'a yeni park"
    assert item.find("enclosure").get("url") == f"https://e.gaziemir.bel.tr/api/v1/press/photos/{photos[0]['id']}"


def test_a_release_waits_while_the_information_bank_does_not_answer(press, amqp_uri, query):
    press.contacts.segment_members.side_effect = UnknownService("contacts")
    approved = []
    for title in ("Birinci bülten", "İkinci bülten"):
        release = draft(press, title=title)
        press.submit_release(release["id"], OFFICER)
        approved.append(press.approve_release(release["id"], MAYOR_OFFICE)["id"])
    press.publish_releases()
    assert [press.get_release(release_id)["state"] for release_id in approved] == ["onaylandi", "onaylandi"]
    assert query("SELECT count(*) AS n FROM outbox")[0]["n"] == 0
    assert press.contacts.segment_members.call_count == 1  # not asked again for the second while it is down

    press.contacts.segment_members.side_effect = None
    press.contacts.segment_members.return_value = MEDIA[:1]
    press.publish_releases()
    payloads = published(amqp_uri, query, events.RELEASE_PUBLISHED)
    assert sorted(p["title"] for p in payloads) == ["Birinci bülten", "İkinci bülten"]
    assert all([r["contact_id"] for r in p["recipients"]] == ["c-1"] and p["photos"] == [] for p in payloads)


def test_only_the_mayors_office_approves_or_returns_a_release(press):
    with pytest.raises(NotAllowed):
        press.create_release({"title": "Başlık", "body": "Metin"}, DIRECTORATE_STAFF)
    release = draft(press)
    with pytest.raises(InvalidTransition, match="Taslak"):
        press.approve_release(release["id"], MAYOR_OFFICE)
    press.submit_release(release["id"], OFFICER)
    with pytest.raises(NotAllowed, match="Başkanlık Makamı"):
        press.approve_release(release["id"], OFFICER)
    with pytest.raises(InvalidTransition):
        press.edit_release(release["id"], {"body": "Değişiklik"}, OFFICER)  # waiting for approval: frozen
    with pytest.raises(InvalidInput):
        press.return_release(release["id"], " ", MAYOR_OFFICE)  # say what to correct

    returned = press.return_release(release["id"], "İkinci paragrafı kısaltın.", MAYOR_OFFICE)
    assert returned["state"] == "iade"
    assert [(c["by"], c["text"], c["version"]) for c in returned["comments"]] == [
        ("baskanlik", "İkinci paragrafı kısaltın.", 1)]
    edited = press.edit_release(release["id"], {"body": "Kısa metin.", "segment_id": "ulusal-basin"}, OFFICER)
    assert (edited["version"], edited["body"], edited["segment_id"]) == (2, "Kısa metin.", "ulusal-basin")
    assert [(v["version"], v["body"][:7], v["segment_id"]) for v in edited["versions"]] == [
        (1, "Gaziemi", "yerel-basin")]
    press.submit_release(release["id"], OFFICER)
    approved = press.approve_release(release["id"], MAYOR_OFFICE)
    assert (approved["state"], approved["approved_by"]) == ("onaylandi", "baskanlik")
    assert press.list_releases("onaylandi")["total"] == 1


def test_photos_must_be_what_they_say_and_of_an_allowed_type(press):
    release = draft(press)
    with pytest.raises(InvalidInput) as mislabelled:
        press.add_release_photo(release["id"], upload("park.png", JPEG, "image/png"), OFFICER)
    assert "photo" in mislabelled.value.args[0]
    with pytest.raises(InvalidInput):
        press.add_release_photo(release["id"], upload("park.gif", b"GIF89a" + b"\x00" * 10, "image/gif"), OFFICER)
    video = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100
    added = press.add_release_photo(release["id"], upload("acilis.mp4", video, "video/mp4"), OFFICER)
    assert (added["content_type"], added["size"]) == ("video/mp4", len(video))


def test_a_photo_is_public_only_once_its_release_is_published(press):
    press.clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=IST))
    press.contacts.segment_members.return_value = MEDIA
    release = draft(press, embargo_until="2026-11-26T11:00:00+03:00")
    photo = press.add_release_photo(release["id"], upload("park.jpg", JPEG, "image/jpeg"), OFFICER)
    press.submit_release(release["id"], OFFICER)
    press.approve_release(release["id"], MAYOR_OFFICE)
    with pytest.raises(NotFound):  # approved, under embargo: not yet
        press.public_release_photo(photo["id"])
    assert press.release_photo(photo["id"])["content_base64"] == base64.b64encode(JPEG).decode()  # staff see it
    press.clock.set(datetime(2026, 11, 26, 11, 1, tzinfo=IST))
    press.publish_releases()
    assert press.public_release_photo(photo["id"])["content_base64"] == base64.b64encode(JPEG).decode()
