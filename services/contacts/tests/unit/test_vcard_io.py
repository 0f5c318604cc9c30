"""vCard 3.0 export and import with Turkish letters."""
import pytest

from contacts import vcard_io

PERSON = {
    "id": "p-1", "kind": "person", "full_name": "İsmail Işık", "category": "muhtar",
    "phones": ["+905321112233", "+902322510000"], "emails": ["ismail@example.org"],
    "addresses": ["Atatürk Cd. No:1, Gaziemir"], "neighbourhood": "Sarnıç", "tags": ["gazi", "şehit yakını"],
    "notes": "Çağrı; önemli, ĞÜŞİÖÇ ğüşıöç\nikinci satır",
    "roles": [{"organisation_id": "o-9", "organisation_name": "Eski Dernek", "office": "stk_baskani",
               "title": "Dernek Başkanı", "started_on": None, "ended_on": "2019-12-31"},
              {"organisation_id": "o-1", "organisation_name": "Sarnıç Muhtarlığı", "office": "muhtar",
               "title": "Sarnıç Mahallesi Muhtarı", "started_on": None, "ended_on": None}],
}
ORGANISATION = {"id": "o-2", "kind": "organisation", "name": "Gaziemir Esnaf ve Sanatkârlar Odası",
                "category": "esnaf_odasi", "phones": ["+902322510001"], "emails": ["oda@example.org"]}


def test_export_writes_vcard_3_with_the_standard_properties():
    text = vcard_io.export([PERSON])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    for line in ("FN:İsmail Işık", "N:Işık;İsmail;;;", "ORG:Sarnıç Muhtarlığı", "TITLE:Sarnıç Mahallesi Muhtarı",
                 "TEL;TYPE=CELL:+905321112233", "TEL;TYPE=WORK:+902322510000",
                 "EMAIL;TYPE=INTERNET:ismail@example.org", "CATEGORIES:Muhtar,gazi,şehit yakını", "UID:p-1"):
        assert line in text.splitlines()
    assert "ADR:;;Atatürk Cd. No:1\\, Gaziemir;;;;" in text


def test_round_trip_keeps_turkish_letters_and_every_field_a_vcard_carries():
    back = vcard_io.parse(vcard_io.export([PERSON, ORGANISATION]))
    assert len(back) == 2
    person, organisation = back
    assert person["kind"] == "person" and person["full_name"] == "İsmail Işık"
    assert person["category"] == "muhtar" and person["tags"] == ["gazi", "şehit yakını"]
    assert person["phones"] == PERSON["phones"] and person["emails"] == PERSON["emails"]
    assert person["addresses"] == PERSON["addresses"] and person["neighbourhood"] == "Sarnıç"
    assert person["notes"] == PERSON["notes"]
    assert [(r["organisation_name"], r["title"]) for r in person["roles"]] == [
        ("Sarnıç Muhtarlığı", "Sarnıç Mahallesi Muhtarı")]
    assert person["external_ref"] == "p-1" and person["id"] is None
    assert organisation["kind"] == "organisation" and organisation["name"] == ORGANISATION["name"]
    assert organisation["category"] == "esnaf_odasi" and organisation["roles"] == []


def test_cards_from_another_address_book_are_read():
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doğan;Ayşe;;;\r\nTEL;TYPE=CELL:0532 111 22 33\r\nTEL:yok\r\n"
            "ORG:Ege Haber;Muhabir Masası\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Şehir Gazetesi\r\nORG:Şehir Gazetesi\r\nX-ABSHOWAS:COMPANY\r\n"
            "CATEGORIES:Medya kuruluşu\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:0532 111 22 44\r\nEND:VCARD\r\n")
    ayse, paper = vcard_io.parse(text.encode("utf-8"))
    assert ayse["full_name"] == "Ayşe Doğan" and ayse["phones"] == ["+905321112233"]
    assert ayse["roles"][0]["organisation_name"] == "Ege Haber Muhabir Masası"
    assert ayse["category"] is None
    assert (paper["kind"], paper["name"], paper["category"]) == ("organisation", "Şehir Gazetesi", "medya")


def test_a_file_that_is_not_a_vcard_is_refused_in_turkish():
    with pytest.raises(ValueError, match="vCard"):
        vcard_io.parse("BEGIN:VCARD\r\nthis is not\r\n")
