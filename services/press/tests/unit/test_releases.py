"""Press releases: the state table, versions, the embargo and the RSS feed of published releases."""
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import feedparser
import pytest

from press import releases
from press.releases import (IADE, ONAY_BEKLIYOR, ONAYLANDI, TASLAK, YAYIMLANDI, InvalidRelease, InvalidTransition,
                            apply, due_for_publication, new_release, new_version, transition)

IST = ZoneInfo("Europe/Istanbul")
MORNING = datetime(2026, 11, 26, 9, 0, tzinfo=IST)
ELEVEN = datetime(2026, 11, 26, 11, 0, tzinfo=IST)
PHOTOS = [{"url": f"https://gaziemir.example/foto/park-{n}.jpg", "type": "image/jpeg", "length": 200_000 + n,
           "caption": f"Yeni park {n}"} for n in (1, 2, 3)]
SITE = {"title": "Gaziemir Belediyesi Basın Bültenleri", "link": "https://gaziemir.example/basin",
        "description": "Belediyenin basın bültenleri", "feed_url": "https://gaziemir.example/basin/rss"}


def park_release(**overrides):
    fields = dict(summary="Sarnıç'ta 12 dönümlük park hizmete açıldı.", photos=PHOTOS, embargo_until=ELEVEN,
                  release_id=7)
    fields.update(overrides)
    return new_release("Gaziemir'e yeni park", "Belediye Başkanı açılışta konuştu…", **fields)


def approved(release=None, at=MORNING):
    release = apply(release or park_release(), "submit", at, by="basin")
    return apply(release, "approve", at + timedelta(minutes=20), by="baskanlik")


# -- the table ------------------------------------------------------------------------------------------
def test_the_whole_way_from_draft_to_published():
    state = TASLAK
    for action, expected in [("edit", TASLAK), ("submit", ONAY_BEKLIYOR), ("return", IADE), ("edit", IADE),
                             ("submit", ONAY_BEKLIYOR), ("approve", ONAYLANDI), ("publish", YAYIMLANDI)]:
        state = transition(state, action)
        assert state == expected


@pytest.mark.parametrize("state, action", [
    (TASLAK, "approve"), (TASLAK, "publish"), (TASLAK, "return"),
    (ONAY_BEKLIYOR, "edit"), (ONAY_BEKLIYOR, "publish"), (ONAY_BEKLIYOR, "submit"),
    (ONAYLANDI, "edit"), (ONAYLANDI, "return"), (ONAYLANDI, "approve"),
    (IADE, "approve"), (IADE, "publish"),
    (YAYIMLANDI, "edit"), (YAYIMLANDI, "submit"), (YAYIMLANDI, "publish"), (YAYIMLANDI, "return"),
    (TASLAK, "sil"),
])
def test_moves_not_in_the_table_are_refused(state, action):
    with pytest.raises(InvalidTransition):
        transition(state, action)


def test_a_refusal_says_what_and_where_in_turkish():
    with pytest.raises(InvalidTransition) as refused:
        transition(YAYIMLANDI, "edit")
    assert str(refused.value) == "'Yayımlandı' durumundaki bir basın bülteninde 'düzenleme' yapılamaz."


def test_the_console_offers_only_allowed_actions():
    assert releases.allowed_actions(ONAY_BEKLIYOR) == ["approve", "return", "withdraw"]
    assert releases.allowed_actions(YAYIMLANDI) == []


# -- the workflow with the embargo (SCENARIOS.md §7) -----------------------------------------------------
def test_an_approved_release_under_embargo_goes_out_at_its_time_and_not_before():
    release = approved()
    assert release["state"] == ONAYLANDI and release["approved_by"] == "baskanlik"
    assert not due_for_publication(release, ELEVEN - timedelta(seconds=1))
    with pytest.raises(InvalidRelease) as refused:
        apply(release, "publish", ELEVEN - timedelta(minutes=1))
    assert "26.11.2026 11:00" in str(refused.value)
    assert due_for_publication(release, ELEVEN)
    published = apply(release, "publish", ELEVEN + timedelta(seconds=30))
    assert published["state"] == YAYIMLANDI
    assert published["published_at"] == ELEVEN + timedelta(seconds=30)
    assert not due_for_publication(published, ELEVEN + timedelta(hours=1))


def test_without_an_embargo_an_approved_release_is_due_at_once():
    release = approved(park_release(embargo_until=None))
    assert due_for_publication(release, MORNING + timedelta(minutes=21))
    assert releases.publication_time(release, MORNING) == MORNING


def test_publication_time_is_never_before_the_embargo():
    assert releases.publication_time(park_release(), MORNING) == ELEVEN
    assert releases.publication_time(park_release(), ELEVEN + timedelta(hours=1)) == ELEVEN + timedelta(hours=1)


def test_a_release_that_is_not_approved_is_never_due():
    for release in (park_release(), apply(park_release(), "submit", MORNING)):
        assert not due_for_publication(release, ELEVEN + timedelta(days=1))


def test_returning_needs_a_comment_kept_with_the_version_it_is_about():
    submitted = apply(park_release(), "submit", MORNING, by="basin")
    with pytest.raises(InvalidRelease):
        apply(submitted, "return", MORNING, by="baskanlik", comment="  ")
    returned = apply(submitted, "return", MORNING, by="baskanlik", comment="Fotoğraf altyazılarını düzeltin.")
    assert returned["state"] == IADE and returned["submitted_at"] is None
    assert returned["comments"] == [{"version": 1, "at": MORNING, "by": "baskanlik",
                                     "text": "Fotoğraf altyazılarını düzeltin."}]


def test_a_returned_release_is_edited_as_a_new_version_and_submitted_again():
    returned = apply(apply(park_release(), "submit", MORNING), "return", MORNING, comment="Başlık kısalsın.")
    edited = new_version(returned, {"title": "Sarnıç'a yeni park"}, at=MORNING, by="basin")
    assert (edited["state"], edited["version"], edited["title"]) == (IADE, 2, "Sarnıç'a yeni park")
    assert edited["history"][0]["version"] == 1 and edited["history"][0]["title"] == "Gaziemir'e yeni park"
    assert returned["version"] == 1 and returned["title"] == "Gaziemir'e yeni park"  # the original is untouched
    assert apply(edited, "submit", MORNING)["state"] == ONAY_BEKLIYOR


def test_a_release_awaiting_approval_or_approved_cannot_be_edited():
    for release in (apply(park_release(), "submit", MORNING), approved()):
        with pytest.raises(InvalidTransition):
            new_version(release, {"title": "Son dakika değişikliği"})


def test_only_the_content_of_a_release_can_be_changed():
    with pytest.raises(InvalidRelease):
        new_version(park_release(), {"state": YAYIMLANDI})


def test_the_embargo_must_carry_its_time_zone():
    with pytest.raises(InvalidRelease):
        new_version(park_release(), {"embargo_until": datetime(2026, 11, 26, 11, 0)})
    moved = new_version(park_release(), {"embargo_until": ELEVEN + timedelta(hours=1)})
    assert moved["embargo_until"] == ELEVEN + timedelta(hours=1) and moved["history"][0]["embargo_until"] == ELEVEN


def test_a_withdrawn_release_is_a_draft_again():
    withdrawn = apply(apply(park_release(), "submit", MORNING), "withdraw", MORNING)
    assert withdrawn["state"] == TASLAK and withdrawn["submitted_at"] is None


# -- the RSS feed ---------------------------------------------------------------------------------------
def published(release_id, title, at, photos=()):
    release = approved(new_release(title, f"{title} metni", summary=f"{title} özeti", photos=photos,
                                   url=f"https://gaziemir.example/basin/{release_id}", release_id=release_id),
                       at=at - timedelta(hours=1))
    return apply(release, "publish", at)


def test_the_feed_lists_only_published_releases_newest_first():
    older = published(1, "Kış hazırlıkları tamamlandı", datetime(2026, 11, 20, 10, 0, tzinfo=IST))
    newer = published(2, "Gaziemir'e yeni park", ELEVEN, PHOTOS)
    waiting = approved(park_release(release_id=3))
    parsed = feedparser.parse(releases.releases_rss([older, waiting, newer, park_release(release_id=4)], SITE))
    assert parsed.version == "rss20" and not parsed.bozo
    assert parsed.feed.title == "Gaziemir Belediyesi Basın Bültenleri" and parsed.feed.language == "tr"
    assert parsed.feed.link == "https://gaziemir.example/basin"
    assert {link.rel: link.href for link in parsed.feed.links}["self"] == "https://gaziemir.example/basin/rss"
    assert [e.title for e in parsed.entries] == ["Gaziemir'e yeni park", "Kış hazırlıkları tamamlandı"]
    assert parsed.entries[0].link == "https://gaziemir.example/basin/2"
    assert parsed.entries[0].summary == "Gaziemir'e yeni park özeti"
    assert datetime(*parsed.entries[0].published_parsed[:6], tzinfo=timezone.utc) == ELEVEN


def test_photos_are_enclosures_of_the_item():
    xml = releases.releases_rss([published(2, "Gaziemir'e yeni park", ELEVEN, PHOTOS)], SITE)
    item = ElementTree.fromstring(xml).find("channel/item")
    (enclosure,) = item.findall("enclosure")
    assert enclosure.attrib == {"url": PHOTOS[0]["url"], "length": "200001", "type": "image/jpeg"}
    media = item.findall("{http://search.yahoo.com/mrss/}content")
    assert [m.attrib["url"] for m in media] == [p["url"] for p in PHOTOS]
    assert media[2].attrib["fileSize"] == "200003"


def test_a_release_without_photos_has_no_enclosure_and_the_feed_stays_the_same_bytes():
    release = published(1, "Kış hazırlıkları tamamlandı", ELEVEN)
    xml = releases.releases_rss([release], SITE)
    assert ElementTree.fromstring(xml).find("channel/item/enclosure") is None
    assert "Kış hazırlıkları tamamlandı".encode("utf-8") in xml
    assert releases.releases_rss([release], SITE) == xml


def test_the_feed_is_limited():
    many = [published(n, f"Bülten {n}", ELEVEN + timedelta(minutes=n)) for n in range(5)]
    parsed = feedparser.parse(releases.releases_rss(many, SITE, limit=3))
    assert [e.title for e in parsed.entries] == ["Bülten 4", "Bülten 3", "Bülten 2"]
