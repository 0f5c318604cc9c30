"""Turkish case folding (DESIGN.md §4): `str.lower()` turns "I" into "i" and "İ" into "i̇",
both wrong for Turkish, where I/ı and İ/i are two pairs."""
import unicodedata

_UPPER_TO_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def lower(text):
    return text.translate(_UPPER_TO_LOWER).lower()


def fold(text):
    """Case- and accent-insensitive key for comparing Turkish text: "IŞIK", "ışık", "isik" agree."""
    lowered = lower(text).replace("ı", "i")
    decomposed = unicodedata.normalize("NFKD", lowered)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
