"""The tone suggestion from the shipped Turkish word list, on realistic headlines."""
import dataclasses

import pytest

from press import tone
from press.tone import ALEYHTE, LEHTE, TARAFSIZ, suggest_tone


def counted(result):
    return [(e.term, e.tone) for e in result.evidence if not e.negated]


@pytest.mark.parametrize("headline, expected", [
    ("Gaziemir'de yeni park hizmete açıldı", LEHTE),
    ("Gaziemir Belediyesi'ne 'Erişilebilir Belediye' ödülü", LEHTE),
    ("Sarnıç'ta yıllardır süren altyapı sorunu çözüme kavuştu", LEHTE),
    ("Emrez'de su baskını: Mahalleli belediyeye tepki gösterdi", ALEYHTE),
    ("ÇÖP YIĞINLARI SOKAKLARI KAPLADI, VATANDAŞLAR İSYAN ETTİ", ALEYHTE),
    ("Gaziemir'de kaldırım çukurları yayaları mağdur ediyor", ALEYHTE),
    ("Belediyeye yolsuzluk soruşturması", ALEYHTE),
    ("Gaziemir Belediye Meclisi kasım ayı toplantısını yaptı", TARAFSIZ),
    ("Gaziemir'de muhtarlarla istişare toplantısı", TARAFSIZ),
])
def test_headlines_get_the_tone_a_press_officer_would_expect(headline, expected):
    assert suggest_tone(headline).suggestion == expected


def test_the_suggestion_shows_which_words_led_to_it_and_where():
    text = "Emrez'de su baskını: Mahalleli belediyeye tepki gösterdi"
    result = suggest_tone(text)
    assert counted(result) == [("su baskın", ALEYHTE), ("tepki", ALEYHTE)]
    assert result.score == -2
    first = result.evidence[0]
    assert text[first.start:first.end] == first.found == "su baskını"
    assert "su baskını" in first.snippet


def test_a_snippet_is_cut_around_the_match_in_a_long_text():
    text = "Gaziemir Belediyesi " + "bu hafta da çalışmalarını sürdürdü, " * 5 + "ancak şikâyetler arttı. " + "x " * 60
    evidence = suggest_tone(text).evidence[0]
    assert evidence.found == "şikâyetler"
    assert evidence.snippet.startswith("…") and evidence.snippet.endswith("…")
    assert len(evidence.snippet) < 2 * tone.SNIPPET_CONTEXT + len("şikâyetler") + 3


def test_turkish_capitals_and_a_missing_circumflex_still_match():
    assert counted(suggest_tone("ŞİKAYETLER ARTIYOR")) == [("şikâyet", ALEYHTE)]
    assert counted(suggest_tone("Vatandaşlardan belediyeye teşekkür")) == [("teşekkür", LEHTE)]


def test_a_phrase_counts_once_and_its_inner_word_does_not_count_against_it():
    result = suggest_tone("Aktepe'de sorun çözüldü")
    assert counted(result) == [("sorun çözüldü", LEHTE)]
    assert result.suggestion == LEHTE


def test_a_negated_word_is_shown_but_not_counted():
    result = suggest_tone("Bayram boyunca Gaziemir'de hiçbir şikâyet yok")
    assert result.suggestion == TARAFSIZ and result.score == 0
    assert [(e.term, e.negated) for e in result.evidence] == [("şikâyet", True)]


def test_negation_does_not_reach_past_the_sentence():
    result = suggest_tone("Vatandaş şikâyetçi. Yok artık dedirten görüntüler")
    assert [(e.term, e.negated) for e in result.evidence] == [("şikâyet", False)]


def test_as_many_favourable_as_unfavourable_words_is_neutral_with_both_shown():
    result = suggest_tone("Gaziemir'de ödül törenine protesto")
    assert result.suggestion == TARAFSIZ and result.score == 0
    assert {e.tone for e in result.evidence} == {LEHTE, ALEYHTE}


def test_a_name_that_starts_like_a_word_is_not_that_word():
    assert suggest_tone("Selin Hanım ve Selim Bey Gaziemir'de").evidence == ()


def test_a_suggestion_is_never_final():
    result = suggest_tone("Gaziemir'de yeni park hizmete açıldı")
    assert result.final is False
    assert result.label == "Lehte"
    with pytest.raises(TypeError):
        tone.ToneSuggestion(LEHTE, 1, (), final=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.final = True


def test_empty_text_is_neutral():
    result = suggest_tone("")
    assert (result.suggestion, result.score, result.evidence) == (TARAFSIZ, 0, ())


def test_the_press_office_can_ship_its_own_word_list(tmp_path):
    path = tmp_path / "tone.yml"
    path.write_text("lehte: [konser]\naleyhte: [iptal]\nolumsuzluk: [değil]\n", encoding="utf-8")
    words = tone.load_tone_words(path)
    assert words == tone.ToneWords(("konser",), ("iptal",), ("değil",))
    assert suggest_tone("Konseri iptal edildi, iptali kesinleşti", words).suggestion == ALEYHTE
    assert suggest_tone("Gaziemir'de yeni park hizmete açıldı", words).suggestion == TARAFSIZ


def test_the_shipped_list_has_both_sides_and_multi_word_phrases():
    words = tone.load_tone_words()
    assert len(words.favourable) >= 20 and len(words.unfavourable) >= 20
    assert any(" " in term for term in words.favourable) and any(" " in term for term in words.unfavourable)
    assert not set(words.favourable) & set(words.unfavourable)
