"""Clippings: one key per story, and whether a text is about the municipality (Turkish folding, suffixes)."""
from datetime import datetime, timezone

import pytest

from press import clippings
from press.clippings import dedupe_key, find_terms, normalise_url, relevance

UTC = timezone.utc
KEYWORDS = clippings.load_keywords()


# -- normalise_url --------------------------------------------------------------------------------------
@pytest.mark.parametrize("variant", [
    "https://ornekhaber.com/gundem/gaziemir-yeni-park",
    "http://ornekhaber.com/gundem/gaziemir-yeni-park",
    "HTTPS://WWW.OrnekHaber.COM/gundem/gaziemir-yeni-park/",
    "https://ornekhaber.com:443/gundem/gaziemir-yeni-park",
    "http://www.ornekhaber.com:80/gundem/gaziemir-yeni-park#yorumlar",
    "https://ornekhaber.com/gundem/gaziemir-yeni-park?utm_source=twitter&utm_medium=social&fbclid=IwAR0x",
    "https://ornekhaber.com/gundem/gaziemir-yeni-park?gclid=abc&UTM_Campaign=kasim",
    "  ornekhaber.com/gundem/gaziemir-yeni-park  ",
])
def test_links_to_the_same_story_normalise_to_one_url(variant):
    assert normalise_url(variant) == "https://ornekhaber.com/gundem/gaziemir-yeni-park"


def test_remaining_query_parameters_are_kept_and_sorted():
    assert (normalise_url("https://haber.com/detay?page=2&id=17&utm_source=x")
            == normalise_url("https://haber.com/detay?id=17&page=2")
            == "https://haber.com/detay?id=17&page=2")


def test_a_query_parameter_that_identifies_the_story_still_tells_stories_apart():
    assert normalise_url("https://haber.com/detay?id=17") != normalise_url("https://haber.com/detay?id=18")


def test_path_case_and_non_default_port_are_significant():
    assert normalise_url("https://haber.com/Gundem/A") == "https://haber.com/Gundem/A"
    assert normalise_url("https://haber.com:8080/a") == "https://haber.com:8080/a"


def test_turkish_letters_in_the_path_compare_equal_however_they_are_escaped():
    assert (normalise_url("https://haber.com/gaziemir-çöp") == normalise_url("https://haber.com/gaziemir-%c3%a7%c3%b6p")
            == "https://haber.com/gaziemir-%C3%A7%C3%B6p")


def test_a_text_without_a_host_is_not_a_url():
    with pytest.raises(ValueError):
        normalise_url("")


# -- dedupe_key -----------------------------------------------------------------------------------------
def test_the_same_story_by_different_links_has_one_key():
    assert (dedupe_key("http://www.ornekhaber.com/a/?utm_source=rss", "Başlık")
            == dedupe_key("https://ornekhaber.com/a", "Başka bir başlık"))
    assert len(dedupe_key("https://ornekhaber.com/a", "")) == 64


def test_different_stories_have_different_keys():
    assert dedupe_key("https://ornekhaber.com/a", "X") != dedupe_key("https://ornekhaber.com/b", "X")


def test_without_a_link_the_folded_title_and_outlet_make_the_key():
    key = dedupe_key(None, "GAZİEMİR'DE YENİ PARK AÇILDI", "Yeni Asır")
    assert key == dedupe_key("", "Gaziemir’de yeni park açıldı.", "YENİ ASIR")
    assert key == dedupe_key("   ", "gaziemir'de  yeni park acildi", "yeni asir")
    assert key != dedupe_key(None, "Gaziemir’de yeni park açıldı", "Ege Telgraf")


def test_an_unusable_link_falls_back_to_the_title():
    assert dedupe_key("http://", "Başlık", "Yeni Asır") == dedupe_key(None, "Başlık", "Yeni Asır")


# -- relevance and matching -----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Gaziemir'de yeni park hizmete açıldı",
    "Gaziemir’de kapalı pazar yeri",
    "GAZİEMİR BELEDİYESİ'NDEN AÇIKLAMA",
    "Gaziemirli gençler festivalde buluştu",
    "Gaziemirliler sandık başında",
    "gaziemire yeni metro durağı",
    "Emrez Mahallesi'nde su baskını",
    "emrez mahallesinde yol çalışması",
    "SARNIÇ'TA ÇÖP TOPLAMA SORUNU",
    "Binbaşı Reşatbey Mahallesi muhtarı konuştu",
    "Fuar İzmir'de kitap fuarı",
])
def test_texts_about_the_municipality_are_relevant_whatever_the_case_and_suffix(text):
    assert relevance(text, KEYWORDS).relevant


@pytest.mark.parametrize("text", [
    "Karşıyaka'da trafik düzenlemesi",
    "Gaziemirspor deplasmanda",            # not a suffix: a club's name
    "Gaziler Günü törenle kutlandı",         # "Gazi" alone is not a keyword: only "Gazi Mahallesi"
    "Atatürk Caddesi'nde yol çalışması",     # an Atatürk street is in every town
    "Menderes ilçesinde su kesintisi",       # a neighbouring district, not Menderes Mahallesi
    "Belediye Başkanı açıklama yaptı",       # any municipality's mayor
])
def test_texts_about_somewhere_else_are_not_relevant(text):
    assert not relevance(text, KEYWORDS).relevant


def test_relevance_lists_the_keywords_found_as_spelled_in_the_list_in_list_order():
    found = relevance("EMREZ'de su baskını; Gaziemir Belediyesi ekipleri Emrez Mahallesi'nde", KEYWORDS)
    assert found.relevant
    assert found.matched == ("Gaziemir Belediyesi", "Emrez Mahallesi", "Emrez")


def test_a_keyword_does_not_match_inside_a_longer_word():
    assert find_terms("Gaziemir", ["Gazi"]) == []
    assert find_terms("Emrezoğlu Sokak", ["Emrez"]) == []


def test_matches_point_into_the_original_text():
    text = "Dün  GAZİEMİR'DE\nyeni  park açıldı; Gazİemir sevindi"
    matches = find_terms(text, ["Gaziemir", "yeni park"])
    assert [(m.term, m.found, text[m.start:m.end]) for m in matches] == [
        ("Gaziemir", "GAZİEMİR'DE", "GAZİEMİR'DE"),
        ("yeni park", "yeni  park", "yeni  park"),
        ("Gaziemir", "Gazİemir", "Gazİemir"),
    ]


def test_a_phrase_wins_over_a_word_inside_it():
    assert [m.term for m in find_terms("su baskını yaşandı", ["baskın", "su baskın"])] == ["su baskın"]


def test_a_final_consonant_softened_before_a_suffix_still_matches():
    assert [m.found for m in find_terms("Belediyenin desteğiyle; kitabı", ["destek", "kitap"])] == [
        "desteğiyle", "kitabı"]


# -- the keyword file -----------------------------------------------------------------------------------
def test_the_shipped_keywords_hold_the_name_and_every_neighbourhood():
    assert "Gaziemir" in KEYWORDS and "Gaziemir Belediyesi" in KEYWORDS
    neighbourhoods = [k for k in KEYWORDS if k.endswith(" Mahallesi")]
    assert len(neighbourhoods) == 17
    assert {"Emrez Mahallesi", "Sarnıç Mahallesi", "Binbaşı Reşatbey Mahallesi"} <= set(neighbourhoods)


def test_the_mayor_is_searched_only_once_the_municipality_fills_the_name(tmp_path):
    assert "Belediye Başkanı" not in KEYWORDS
    path = tmp_path / "keywords.yml"
    path.write_text("belediye: [Örnekköy]\nbaskan: {unvan: Belediye Başkanı, ad_soyad: Ayşe Örnek}\n",
                    encoding="utf-8")
    assert clippings.load_keywords(path) == ("Örnekköy", "Ayşe Örnek")


# -- clippings from feed items ----------------------------------------------------------------------
def test_a_relevant_feed_item_becomes_a_clipping_without_a_tone():
    at = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
    item = {"url": "https://ornekhaber.com/a?utm_source=rss", "title": "Sarnıç'ta yeni kreş",
            "summary": "Belediye açılışı cuma yapacak.", "published_at": None, "outlet": "Ege Telgraf"}
    clipping = clippings.clipping_from_item(item, KEYWORDS, at)
    assert clipping["dedupe_key"] == dedupe_key("https://ornekhaber.com/a", "")
    assert clipping["keywords"] == ["Sarnıç"]
    assert clipping["tone"] is None and clipping["captured_at"] == at
    assert clippings.clipping_time(clipping) == at


def test_an_irrelevant_feed_item_is_no_clipping():
    item = {"url": "https://x.com/b", "title": "Bornova'da konser", "summary": "", "outlet": "X"}
    assert clippings.clipping_from_item(item, KEYWORDS, datetime(2026, 11, 26, tzinfo=UTC)) is None


def test_the_istanbul_day_starts_at_21_utc():
    assert str(clippings.istanbul_day(datetime(2026, 11, 25, 20, 59, tzinfo=UTC))) == "2026-11-25"
    assert str(clippings.istanbul_day(datetime(2026, 11, 25, 21, 0, tzinfo=UTC))) == "2026-11-26"
    with pytest.raises(ValueError):
        clippings.istanbul_day(datetime(2026, 11, 25, 21, 0))
