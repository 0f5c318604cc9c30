"""Finding records the way staff type: Turkish letters folded, partial words, typos; through the real
pg_trgm of PostgreSQL. Authorisation and Turkish validation messages at the door."""
import pytest

from contacts.exceptions import InvalidInput, NotAllowed

from .conftest import AUDITOR, DESK, FEN, person


@pytest.fixture
def bank(call):
    made = {
        "isik": call("create_contact", person("İsmail Işık", category="muhtar", neighbourhood="Sarnıç",
                                              phones=["0532 111 22 33"], tags=["Gazi"],
                                              roles=[{"office": "muhtar", "organisation_name": "Sarnıç Mahallesi",
                                                      "title": "Sarnıç Mahallesi Muhtarı"}]), DESK),
        "mehmet": call("create_contact", person("Mehmet Yılmaz", category="gazeteci", emails=["Mehmet@Ornek.com.tr"]),
                       DESK),
        "ozge": call("create_contact", person("Özge Çağlayan", category="muhtar", neighbourhood="Aktepe",
                                              roles=[{"office": "muhtar", "organisation_name": "Aktepe Mahallesi"}]),
                     DESK),
        "dernek": call("create_contact", {"kind": "organisation", "name": "Gaziemir Işıklar Derneği",
                                          "category": "dernek"}, DESK),
    }
    return {key: value["id"] for key, value in made.items()}


def found(result):
    return [row["id"] for row in result["contacts"]]


@pytest.mark.parametrize("typed", ["ısık", "ISIK", "isik", "IŞIK", "Işık"])
def test_turkish_letters_and_case_are_folded(call, bank, typed):
    assert bank["isik"] in found(call("search_contacts", typed, {}, DESK))


def test_a_partial_or_misspelt_name_still_finds_the_person(call, bank):
    assert found(call("search_contacts", "mehmt", {}, DESK)) == [bank["mehmet"]]
    assert found(call("search_contacts", "yılm", {}, DESK)) == [bank["mehmet"]]
    assert found(call("search_contacts", "ozge caglayn", {}, DESK)) == [bank["ozge"]]


def test_the_closest_match_ranks_first(call, bank):
    # "ışık" is İsmail Işık's surname and part of the association's name; the person matches it whole
    result = call("search_contacts", "ismail ışık", {}, DESK)
    assert found(result)[0] == bank["isik"]


def test_every_term_must_match(call, bank):
    assert found(call("search_contacts", "mehmet aktepe", {}, DESK)) == []


def test_filters_narrow_by_category_tag_neighbourhood_and_current_office(call, bank):
    assert set(found(call("search_contacts", "", {"category": "muhtar"}, DESK))) == {bank["isik"], bank["ozge"]}
    assert found(call("search_contacts", "", {"tag": "GAZİ"}, DESK)) == [bank["isik"]]
    assert found(call("search_contacts", "", {"neighbourhood": "sarnic"}, DESK)) == [bank["isik"]]
    assert set(found(call("search_contacts", "", {"office": "muhtar"}, DESK))) == {bank["isik"], bank["ozge"]}
    assert found(call("search_contacts", "muhtar", {"neighbourhood": "Aktepe"}, DESK)) == [bank["ozge"]]


def test_phones_and_emails_are_looked_up_exactly_by_their_normalised_value(call, bank):
    assert found(call("search_contacts", "+90 532 111 2233", {}, DESK)) == [bank["isik"]]
    assert found(call("search_contacts", "0532 111 22 34", {}, DESK)) == []
    assert found(call("search_contacts", "MEHMET@ornek.com.tr", {}, DESK)) == [bank["mehmet"]]


def test_paging_reports_the_total(call, bank):
    first = call("search_contacts", "", {}, DESK, limit=2, offset=0)
    second = call("search_contacts", "", {}, DESK, limit=2, offset=2)
    assert first["total"] == second["total"] == 4
    assert len(set(found(first)) | set(found(second))) == 4


def test_directorates_read_nothing_and_the_auditor_only_reads(call, bank):
    with pytest.raises(NotAllowed):
        call("search_contacts", "ışık", {}, FEN)
    with pytest.raises(NotAllowed):
        call("get_contact", bank["isik"], FEN)
    assert call("get_contact", bank["isik"], AUDITOR)["full_name"] == "İsmail Işık"
    with pytest.raises(NotAllowed):
        call("create_contact", person("Ayşe Demir"), AUDITOR)


def test_invalid_input_is_reported_per_field_in_turkish(call):
    with pytest.raises(InvalidInput) as raised:
        call("create_contact", {"kind": "person", "category": "uzayli", "phones": ["123"],
                                "emails": ["not-an-address"], "consent": {"basis": "keyfi"}}, DESK)
    errors = raised.value.args[0]
    assert errors["full_name"] == ["Ad soyad yazılmalı."]
    assert errors["category"] == ["Bilinmeyen kategori."]
    assert "telefon" in errors["phones"][0].lower()
    assert errors["emails.0"] == ["Geçerli bir e-posta adresi değil."]
    assert errors["consent.basis"] == ["Bilinmeyen yasal dayanak."]


def test_a_new_record_that_shares_a_phone_is_flagged_as_a_possible_duplicate(call, bank):
    created = call("create_contact", person("I. Işık", phones=["+905321112233"]), DESK)
    assert created["possible_duplicates"] == [bank["isik"]]
    assert created["phones"] == ["+905321112233"]
