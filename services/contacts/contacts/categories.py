"""The fixed vocabularies of the information bank (DOMAIN.md §1, §5): contact categories, event kinds and
the lawful bases (KVKK, Law 6698) on which a contact may receive bulk messages.

Codes are what is stored and sent between services; labels are what staff read. `find_code` accepts
either, case- and accent-insensitively, so a spreadsheet that says "İlçe Protokolü" or "ilce_protokolu"
means the same category.
"""
from contracts import contacts_api
from servicekit.turkish import fold

PERSON = "person"
ORGANISATION = "organisation"
KINDS = (PERSON, ORGANISATION)

# code -> (label, the kind of record the category naturally describes)
_CATEGORIES = {
    "stk": ("Sivil toplum kuruluşu", ORGANISATION),
    "dernek": ("Dernek", ORGANISATION),
    "vakif": ("Vakıf", ORGANISATION),
    "siyasi_parti": ("Siyasi parti", ORGANISATION),
    "esnaf_odasi": ("Esnaf ve sanatkâr odası", ORGANISATION),
    "meslek_odasi": ("Meslek odası", ORGANISATION),
    "medya": ("Medya kuruluşu", ORGANISATION),
    "kamu_kurumu": ("Kamu kurumu", ORGANISATION),
    "mudurluk": ("Belediye müdürlüğü", ORGANISATION),
    "egitim_kurumu": ("Eğitim kurumu", ORGANISATION),
    "il_protokolu": ("İl protokolü", PERSON),
    "ilce_protokolu": ("İlçe protokolü", PERSON),
    "gazeteci": ("Gazeteci", PERSON),
    "muhtar": ("Muhtar", PERSON),
}

CATEGORIES = {code: label for code, (label, _) in _CATEGORIES.items()}
PERSON_CATEGORIES = frozenset(code for code, (_, kind) in _CATEGORIES.items() if kind == PERSON)
ORGANISATION_CATEGORIES = frozenset(code for code, (_, kind) in _CATEGORIES.items() if kind == ORGANISATION)

EVENT_KINDS = contacts_api.EVENT_KINDS

# KVKK has no GDPR-style "public task" basis: a municipality relies on a duty laid down by law (5/2-a,
# e.g. Law 5393's duties), a legal obligation (5/2-ç), contact details the person made public (5/2-d),
# legitimate interest (5/2-f) or explicit consent (5/1). Which basis fits which list is the data
# controller's decision *(verify with the municipality's KVKK contact person)*.
LAWFUL_BASES = {
    "acik_riza": "Açık rıza (KVKK m.5/1)",
    "kanunda_ongorulme": "Kanunlarda açıkça öngörülmesi (KVKK m.5/2-a)",
    "kanuni_yukumluluk": "Hukuki yükümlülüğün yerine getirilmesi (KVKK m.5/2-ç)",
    "alenilestirme": "İlgilinin kendisince alenileştirilmiş olması (KVKK m.5/2-d)",
    "mesru_menfaat": "Veri sorumlusunun meşru menfaati (KVKK m.5/2-f)",
}


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
    return _CATEGORIES[category][1]


def is_person_category(category):
    """True for categories that list people (muhtar, gazeteci, il/ilçe protokolü)."""
    return category in PERSON_CATEGORIES


def is_organisation_category(category):
    """True for categories that list organisations (STK, dernek, medya, müdürlük ...)."""
    return category in ORGANISATION_CATEGORIES
