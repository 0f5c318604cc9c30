"""Vocabularies of the information bank: categories, event kinds, lawful bases."""
import pytest

from contacts import categories


@pytest.mark.parametrize("code, label", [
    ("stk", "Sivil toplum kuruluşu"),
    ("esnaf_odasi", "Esnaf ve sanatkâr odası"),
    ("medya", "Medya kuruluşu"),
    ("mudurluk", "Belediye müdürlüğü"),
])
def test_category_codes_have_turkish_labels(code, label):
    assert categories.category_label(code) == label


def test_every_category_is_either_a_person_or_an_organisation_category():
    assert categories.PERSON_CATEGORIES | categories.ORGANISATION_CATEGORIES == set(categories.CATEGORIES)
    assert not categories.PERSON_CATEGORIES & categories.ORGANISATION_CATEGORIES


def test_muhtar_and_gazeteci_are_people_and_dernek_is_an_organisation():
    assert categories.is_person_category("muhtar")
    assert categories.is_person_category("gazeteci")
    assert categories.kind_of("dernek") == "organisation"
    assert categories.is_organisation_category("siyasi_parti")


@pytest.mark.parametrize("text", ["ilce_protokolu", "İlçe protokolü", "İLÇE PROTOKOLÜ", "ilce protokolu"])
def test_a_category_is_found_by_code_or_label_whatever_the_case_and_accents(text):
    assert categories.find_code(categories.CATEGORIES, text) == "ilce_protokolu"


def test_an_unknown_or_blank_category_is_not_found():
    assert categories.find_code(categories.CATEGORIES, "kulüp") is None
    assert categories.find_code(categories.CATEGORIES, "  ") is None
    assert categories.find_code(categories.CATEGORIES, None) is None


def test_event_kinds_include_the_directorates_events():
    assert categories.EVENT_KINDS["basin_toplantisi"] == "Basın toplantısı"
    assert {"toren", "acilis", "mahalle_toplantisi", "personel_egitimi"} <= set(categories.EVENT_KINDS)


def test_lawful_bases_name_their_kvkk_article():
    assert categories.find_code(categories.LAWFUL_BASES, "Açık rıza (KVKK m.5/1)") == "acik_riza"
    assert all("KVKK m.5" in label for label in categories.LAWFUL_BASES.values())
