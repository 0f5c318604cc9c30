"""Clippings (kupür): one key per story so a story seen twice is stored once, and whether a text is
about the municipality at all.

Text is matched on Turkish-folded text (`servicekit.turkish.fold`: "GAZİEMİR", "Gaziemir", "gaziemir"
agree) as whole words that may carry Turkish suffixes: "Gaziemir'de", "Gaziemirli", "Emrez
Mahallesi'nde" match "Gaziemir" and "Emrez Mahallesi"; but "Gaziemirspor" does not match "Gaziemir"
(what follows is no suffix), nor "Gaziemir" match "Gazi". `find_terms` is shared with `tone`.

A clipping is a plain dict; the keys this package reads:

    {"id": 17, "url": "https://…", "title": "…", "summary": "…", "outlet": "Yeni Asır",
     "published_at": aware datetime or None, "captured_at": aware datetime,
     "tone": "lehte" | "aleyhte" | "tarafsiz" | None,   # set by a person, never by the suggestion
     "important": bool, "important_at": aware datetime or None, "new_practice": bool}
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import yaml

from servicekit.turkish import fold

ISTANBUL = ZoneInfo("Europe/Istanbul")
KEYWORDS_FILE = "keywords_gaziemir.yml"

_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")

# Turkish suffixes after folding (ı→i, ü→u, ö→o, ş→s, ç→c, ğ→g), so one class covers both vowel
# harmonies. A word counts as the term plus at most four of these; anything after an apostrophe counts.
_SUFFIX = r"(?:l[iu]k|l[iu]|c[iu]|l[ae]r|[nsy]?[iu]n?|[iu]m(?:[iu]z)?|[iu]n[iu]z|[ny]?[ae]|n?[dt][ae]n?|ki|y?l[ae])"
_SUFFIXES = r"(?:['’‘`´]\w*|" + _SUFFIX + r"{0,4})"
# a final p/t/k softens before a vowel suffix: destek → desteği, kitap → kitabı (ç→c is already folded)
_SOFTENED = {"k": "g", "p": "b", "t": "d"}


# -- URLs and keys -----------------------------------------------------------------------------------
def normalise_url(url: str) -> str:
    """The canonical form of a news URL, so the same story reached by different links compares equal.

    Lowercases scheme and host, treats http as https, drops `www.`, default ports, user info, the
    fragment, tracking parameters (utm_*, fbclid, gclid …) and a trailing slash, sorts the remaining
    query parameters and percent-encodes the path the same way every time. Raises ValueError when
    there is no host.
    """
    url = (url or "").strip()
    if "://" not in url:
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"not a URL with a host: {url!r}")
    scheme = parts.scheme.lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    if scheme == "http":
        scheme = "https"
    path = _PERCENT_ESCAPE.sub(lambda m: m.group(0).upper(), parts.path)
    path = quote(path, safe="/%:@!$&'()*+,;=-._~").rstrip("/")
    query = sorted((key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
                   if not _is_tracking(key))
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def _is_tracking(key):
    key = key.lower()
    return key.startswith("utm_") or key in _TRACKING_PARAMS


def dedupe_key(url: str | None, title: str, outlet: str = "") -> str:
    """sha256 hex of the normalised URL; without a usable URL, of the folded title and outlet.

    Two items with the same key are the same story. The two kinds of key never collide with each
    other: each hashes a different prefix.
    """
    if url and url.strip():
        try:
            return hashlib.sha256(("url\n" + normalise_url(url)).encode("utf-8")).hexdigest()
        except ValueError:
            pass  # an unusable link: fall back to the title, as for an item without one
    basis = "title\n" + _words(title) + "\n" + _words(outlet)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def _words(text):
    """Folded text with punctuation removed, so ’ and ' or a trailing full stop change nothing."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text or "")).split())


# -- matching terms in text --------------------------------------------------------------------------
@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a term: `start`/`end` index the original text, `found` is the text there."""
    term: str
    start: int
    end: int
    found: str


@dataclass(frozen=True)
class Relevance:
    matched: tuple[str, ...]  # the keywords found, spelled as in the keyword list, in list order
    relevant: bool


def find_terms(text: str, terms) -> list[TermMatch]:
    """Every occurrence of any of `terms` in `text`, left to right, on folded text with suffixes.

    Where terms overlap the longest wins ("su baskını" rather than "baskın"), and no two matches
    overlap.
    """
    pattern, by_group = _compile(tuple(terms))
    if pattern is None or not text:
        return []
    folded, origin = _fold_with_offsets(text)
    matches = []
    for m in pattern.finditer(folded):
        term = by_group[m.lastgroup]
        start, end = origin[m.start()], origin[m.end() - 1] + 1
        matches.append(TermMatch(term, start, end, text[start:end]))
    return matches


def relevance(text: str, keywords) -> Relevance:
    """Which `keywords` the text mentions; it is relevant when it mentions at least one."""
    found = {match.term for match in find_terms(text, keywords)}
    matched = tuple(dict.fromkeys(k for k in keywords if k in found))
    return Relevance(matched, bool(matched))


def _key(term):
    return " ".join(fold(term).split())


@lru_cache(maxsize=32)
def _compile(terms):
    """One pattern for all terms, longest first, each in its own group: `t<n>` names `terms[n]`."""
    keys = {}
    for term in terms:
        if term and term.strip():
            keys.setdefault(_key(term), term)
    if not keys:
        return None, {}
    by_group = {f"t{n}": keys[key] for n, key in enumerate(sorted(keys, key=len, reverse=True))}
    groups = "|".join(f"(?P<{name}>{_core_pattern(_key(term))})" for name, term in by_group.items())
    return re.compile(r"(?<!\w)(?:" + groups + r")" + _SUFFIXES + r"(?!\w)"), by_group


def _core_pattern(key):
    """Every word of a phrase may carry suffixes: "sorun çözüldü" matches "sorunu çözüldü"."""
    return (_SUFFIXES + r"\s+").join(_word_pattern(word) for word in key.split())


def _word_pattern(word):
    last = word[-1]
    if last in _SOFTENED and len(word) > 2:
        return re.escape(word[:-1]) + f"(?:{last}|{_SOFTENED[last]}(?=[aeiou]))"
    return re.escape(word)


def _fold_with_offsets(text):
    """`fold(text)` without collapsing spaces, and for each folded character its index in `text`."""
    pieces, origin = [], []
    for index, char in enumerate(text):
        piece = " " if char.isspace() else fold(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


# -- keywords and clipping helpers ----------------------------------------------------------------------
def load_keywords(path=None) -> tuple[str, ...]:
    """The municipality's keywords from its YAML file (default: the shipped Gaziemir list).

    Every list under the file's keys is read; the mayor's name is added once the municipality fills it.
    """
    if path is None:
        raw = resources.files("press").joinpath("data", KEYWORDS_FILE).read_text(encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read()
    data = yaml.safe_load(raw) or {}
    keywords = []
    for key, value in data.items():
        if key == "baskan":
            keywords.extend(name for name in [(value or {}).get("ad_soyad")] if name and name.strip())
        elif isinstance(value, list):
            keywords.extend(str(item) for item in value if item)
    return tuple(dict.fromkeys(keywords))


def clipping_time(clipping: dict) -> datetime:
    """When the story appeared: its publication time, else when it was captured."""
    return clipping.get("published_at") or clipping["captured_at"]


def istanbul_day(moment: datetime):
    """The calendar day in Istanbul of an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("the datetime must be timezone-aware")
    return moment.astimezone(ISTANBUL).date()


def clipping_from_item(item: dict, keywords, captured_at: datetime) -> dict | None:
    """A new clipping from a feed item (see `feeds`), or None when the item is not about us.

    Relevance is judged on title and summary; the result carries `dedupe_key` and `keywords` (matched)
    and no tone: tone is a person's decision (see `tone.suggest_tone` for the suggestion).
    """
    found = relevance(f"{item.get('title') or ''}\n{item.get('summary') or ''}", keywords)
    if not found.relevant:
        return None
    return {
        "url": item.get("url"), "title": item.get("title") or "", "summary": item.get("summary") or "",
        "outlet": item.get("outlet") or "", "published_at": item.get("published_at"),
        "captured_at": captured_at, "dedupe_key": dedupe_key(item.get("url"), item.get("title") or "",
                                                             item.get("outlet") or ""),
        "keywords": list(found.matched), "tone": None, "important": False, "important_at": None,
        "new_practice": False,
    }
