"""The folded text a record is found by, and a user's query folded the same way.

Both sides go through `servicekit.turkish.fold`, so "IŞIK", "Işık", "ışık" and "isik" meet, and "İsmail"
meets "ismail" and "ISMAIL" (I/ı and İ/i are two pairs in Turkish; `str.lower()` gets both wrong). The
storage layer keeps `document(record)` in a column and matches `query_terms(q)` against it with
PostgreSQL's pg_trgm; it never folds on its own.

Phones and e-mails are left out on purpose: they are looked up exactly by their normalised value
(phones.normalise, lowercased e-mail), not by similarity.
"""
import re

from servicekit.turkish import fold

from . import categories

_WORD = re.compile(r"\w+")


def terms(text):
    """The folded words of `text`, punctuation dropped: terms("İzmir'deki ŞUBE") == ["izmir", "deki", "sube"]."""
    return _WORD.findall(fold(text or ""))


def document(record):
    """The search document of a record (see duplicates.py for its shape), folded and space-separated.

    Holds the name, the category label, each role's organisation name, office and title, the tags and
    the neighbourhood; a word appears once, in first-seen order.
    """
    parts = [record.get("full_name"), record.get("name"), categories.category_label(record.get("category") or "")]
    for role in record.get("roles") or ():
        parts += [role.get("organisation_name"), role.get("office"), role.get("title")]
    parts += list(record.get("tags") or ())
    parts.append(record.get("neighbourhood"))
    seen = {}
    for part in parts:
        if part:
            for word in terms(str(part).replace("_", " ")):
                seen.setdefault(word, None)
    return " ".join(seen)


def query_terms(q):
    """The distinct folded terms of a user's query, in order; [] for a blank query."""
    return list(dict.fromkeys(terms(q)))
