"""The folded search document and query terms (Turkish I/ı, İ/i)."""
import pytest

from contacts import search_text


@pytest.mark.parametrize("a, b", [
    ("IŞIK", "ışık"), ("IŞIK", "isik"), ("IŞIK", "Işık"), ("ışık", "ISIK"),
    ("İsmail", "ismail"), ("İsmail", "ISMAIL"), ("İSMAİL", "ismail"),
])
def test_turkish_spellings_fold_to_the_same_key(a, b):
    assert search_text.query_terms(a) == search_text.query_terms(b)


def test_dotted_capital_i_folds_to_plain_i_not_i_with_a_combining_dot():
    assert search_text.query_terms("İsmail") == ["ismail"]
    assert "İsmail".lower() != "ismail"  # the trap fold avoids


def test_query_terms_drop_punctuation_and_repeats():
    assert search_text.query_terms("  Işık, IŞIK; Gaziemir'deki  ") == ["isik", "gaziemir", "deki"]
    assert search_text.query_terms("") == []
    assert search_text.query_terms(None) == []


def test_document_holds_names_organisation_offices_tags_and_neighbourhood():
    record = {
        "kind": "person", "full_name": "İsmail Işık", "category": "muhtar",
        "roles": [{"organisation_name": "Sarnıç Mahallesi Muhtarlığı", "office": "muhtar",
                   "title": "Mahalle Muhtarı"}],
        "tags": ["Şehit yakını"], "neighbourhood": "Sarnıç",
        "phones": ["+905321112233"], "emails": ["ismail@example.org"],
    }
    words = search_text.document(record).split()
    for term in ("ismail", "isik", "sarnic", "muhtarligi", "muhtari", "sehit", "yakini"):
        assert term in words
    assert len(words) == len(set(words))


def test_document_leaves_out_phones_and_emails():
    record = {"kind": "person", "full_name": "Ayşe Kaya", "phones": ["+905321112233"],
              "emails": ["ayse@example.org"]}
    document = search_text.document(record)
    assert "905321112233" not in document and "example" not in document


def test_every_query_term_of_a_differently_cased_name_is_in_the_document():
    document = search_text.document({"kind": "organisation", "name": "GAZİEMİR IŞIKKENT DERNEĞİ"})
    assert all(t in document.split() for t in search_text.query_terms("gaziemir ışıkkent derneği"))
