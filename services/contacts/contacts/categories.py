"""The fixed vocabularies of the information bank (DOMAIN.md §1, §5): contact categories, event kinds and
the lawful bases (KVKK, Law 6698) on which a contact may receive bulk messages, as the contract defines them
(`contracts.contacts`), and how a code is found from what staff wrote.

Codes are what is stored and sent between services; labels are what staff read. `find_code` accepts
either, case- and accent-insensitively, so a spreadsheet that says "İlçe Protokolü" or "ilce_protokolu"
means the same category.
"""
from contracts.contacts import (CATEGORIES, CATEGORY_KINDS, EVENT_KINDS, KINDS, LAWFUL_BASES,  # noqa: F401
                                ORGANISATION, PERSON)
from servicekit.turkish import fold

PERSON_CATEGORIES = frozenset(code for code, (_, kind) in CATEGORY_KINDS.items() if kind == PERSON)
ORGANISATION_CATEGORIES = frozenset(code for code, (_, kind) in CATEGORY_KINDS.items() if kind == ORGANISATION)


def _key(text):
    return fold(str(text)).replace("_", " ")


def find_code(table, text):
    """The code in `table` (code -> label) that `text` names, as a code or a label; None if none does.

    >>> find_code(CATEGORIES, "İLÇE PROTOKOLÜ")
    'ilce_protokolu'
    """
    if text is None or not str(text).strip():
        return None
    wanted = _key(text)
    for code, label in table.items():
        if wanted in (_key(code), _key(label)):
            return code
    return None


def category_label(code):
    """The Turkish label of a category code (the code itself when unknown, so nothing is hidden)."""
    return CATEGORIES.get(code, code)


def kind_of(category):
    """"person" or "organisation": the kind of record a category describes; KeyError if unknown."""
    return CATEGORY_KINDS[category][1]


def is_person_category(category):
    """True for categories that list people (muhtar, gazeteci, il/ilçe protokolü)."""
    return category in PERSON_CATEGORIES


def is_organisation_category(category):
    """True for categories that list organisations (STK, dernek, medya, müdürlük ...)."""
    return category in ORGANISATION_CATEGORIES
