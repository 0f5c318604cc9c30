"""A tone suggestion for a clipping: lehte (favourable), aleyhte (unfavourable) or tarafsız (neutral).

The suggestion counts words from a Turkish list shipped with the service (`data/tone_words_tr.yml`,
edited by the press office): each favourable match +1, each unfavourable −1. It shows which words led
to it, so the officer can judge it at a glance, and it is never final: `final` is always False.
A clipping's tone is what a person sets (`clipping["tone"]`), never the suggestion.

Matching is on Turkish-folded text with suffixes (`clippings.find_terms`); a phrase wins over a word
inside it ("sorun çözüldü" is favourable, its "sorun" is not counted), and a match followed within
two words by a negation ("şikâyet yok", "kaza yaşanmadı") is shown but not counted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from contracts import press as events

from press.clippings import find_terms

LEHTE, ALEYHTE, TARAFSIZ = TONES = events.TONES
LABELS = {LEHTE: "Lehte", ALEYHTE: "Aleyhte", TARAFSIZ: "Tarafsız", None: "Değerlendirilmedi"}
WORDS_FILE = "tone_words_tr.yml"
SNIPPET_CONTEXT = 40  # characters either side of a match in its snippet

# the two words after a match, not past the end of its sentence
_NEXT_TWO_WORDS = re.compile(r"^[^\w.!?;]*\w+(?:[^\w.!?;]+\w+)?")


@dataclass(frozen=True)
class ToneWords:
    favourable: tuple[str, ...]
    unfavourable: tuple[str, ...]
    negations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """One word or phrase that moved the suggestion; `start`/`end` index the text that was judged."""
    term: str
    tone: str          # lehte | aleyhte
    start: int
    end: int
    found: str         # the text as written, suffix included: "şikâyetleri"
    snippet: str       # the match with up to SNIPPET_CONTEXT characters around it
    negated: bool      # shown but not counted


@dataclass(frozen=True)
class ToneSuggestion:
    suggestion: str                  # lehte | aleyhte | tarafsiz
    score: int                       # favourable matches minus unfavourable ones
    evidence: tuple[Evidence, ...]   # in text order
    final: bool = field(default=False, init=False)  # a suggestion; a person decides the tone

    @property
    def label(self) -> str:
        return LABELS[self.suggestion]


def load_tone_words(path=None) -> ToneWords:
    """The word list from YAML (keys `lehte`, `aleyhte`, optional `olumsuzluk`); default: the shipped one."""
    if path is None:
        return _shipped_words()
    with open(path, encoding="utf-8") as handle:
        return _words_from(yaml.safe_load(handle))


@lru_cache(maxsize=1)
def _shipped_words():
    raw = resources.files("press").joinpath("data", WORDS_FILE).read_text(encoding="utf-8")
    return _words_from(yaml.safe_load(raw))


def _words_from(data):
    data = data or {}

    def terms(key):
        return tuple(str(term) for term in (data.get(key) or []) if term)

    return ToneWords(terms(LEHTE), terms(ALEYHTE), terms("olumsuzluk"))


def suggest_tone(text: str, words: ToneWords | None = None) -> ToneSuggestion:
    """Suggest the tone of `text` (a headline, or headline and summary) from the word list.

    A word in both lists counts as favourable; with as many favourable as unfavourable matches the
    suggestion is tarafsız, and the evidence shows both sides.
    """
    words = words or _shipped_words()
    tone_of = {term: ALEYHTE for term in words.unfavourable}
    tone_of.update({term: LEHTE for term in words.favourable})
    evidence, score = [], 0
    for match in find_terms(text or "", tuple(tone_of)):
        tone = tone_of[match.term]
        negated = _is_negated(text, match.end, words.negations)
        if not negated:
            score += 1 if tone == LEHTE else -1
        evidence.append(Evidence(match.term, tone, match.start, match.end, match.found,
                                 _snippet(text, match.start, match.end), negated))
    suggestion = LEHTE if score > 0 else ALEYHTE if score < 0 else TARAFSIZ
    return ToneSuggestion(suggestion, score, tuple(evidence))


def _is_negated(text, end, negations):
    if not negations:
        return False
    following = _NEXT_TWO_WORDS.match(text[end:])
    return bool(following and find_terms(following.group(0), negations))


def _snippet(text, start, end):
    left, right = max(0, start - SNIPPET_CONTEXT), min(len(text), end + SNIPPET_CONTEXT)
    body = " ".join(text[left:right].split())
    return ("…" if left else "") + body + ("…" if right < len(text) else "")
