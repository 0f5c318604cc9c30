"""What every printable document shares: a TrueType face with Turkish letters, escaping free text for
reportlab's paragraphs, local dates, and the house styles.

Turkish glyphs (ş, ğ, ı, İ, â …) are not in reportlab's built-in Helvetica, so a TrueType font is
registered. Its path comes from the `font_path` argument, else `PDF_FONT_PATH`, else DejaVu Sans from
Debian's `fonts-dejavu-core`. A bold face named `<stem>-Bold<ext>` beside the regular file is used for
headings when present.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEFAULT_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_PATH_ENV = "PDF_FONT_PATH"
ISTANBUL = ZoneInfo("Europe/Istanbul")


class FontMissing(RuntimeError):
    """The TrueType font needed for Turkish characters is not on disk or is not a font."""


_LOCK = threading.Lock()
_REGISTERED: dict[str, tuple[str, str]] = {}  # resolved path -> (regular name, bold name)


def fonts(font_path: str | None = None) -> tuple[str, str]:
    """The (regular, bold) font names to draw with, registered once per process and path."""
    path = _resolve(font_path)
    with _LOCK:
        if path not in _REGISTERED:
            _REGISTERED[path] = _register(path)
        return _REGISTERED[path]


def _resolve(font_path):
    path = font_path or os.environ.get(FONT_PATH_ENV) or DEFAULT_FONT_PATH
    if not os.path.isfile(path):
        raise FontMissing(f"PDF font not found at {path!r}: install the Debian package fonts-dejavu-core "
                          f"(apt-get install fonts-dejavu-core) or set {FONT_PATH_ENV} to a TrueType font "
                          f"that has Turkish characters.")
    return os.path.abspath(path)


def _register(path):
    # a name derived from the path: stable across processes (so output bytes are stable)
    regular = "Sans-" + hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]
    try:
        pdfmetrics.registerFont(TTFont(regular, path))
    except Exception as exc:
        raise FontMissing(f"PDF font {path!r} could not be loaded as a TrueType font ({exc}): install "
                          f"fonts-dejavu-core or set {FONT_PATH_ENV} to a valid .ttf file.") from exc
    bold = regular
    stem, ext = os.path.splitext(path)
    if os.path.isfile(stem + "-Bold" + ext):
        try:
            pdfmetrics.registerFont(TTFont(regular + "-Bold", stem + "-Bold" + ext))
            bold = regular + "-Bold"
        except Exception:
            pass  # an unusable bold face: headings stay regular
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    return regular, bold


def text(value) -> str:
    """Free text made safe for a reportlab Paragraph, line breaks kept."""
    if value is None:
        return ""
    return escape(str(value).replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br/>")


def local_datetime(value: dt.datetime, fmt: str = "%d.%m.%Y %H:%M") -> str:
    """`26.11.2026 14:05` in Istanbul time; a naive datetime is refused (its meaning would be a guess)."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the datetime must be timezone-aware")
    return value.astimezone(ISTANBUL).strftime(fmt)


def styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    """The house styles: body, header, subheader, title, label, heading, small."""
    base = ParagraphStyle("Body", fontName=regular, fontSize=10, leading=14, splitLongWords=1)
    return {
        "body": base,
        "header": ParagraphStyle("Header", parent=base, fontName=bold, fontSize=12, leading=16, alignment=TA_CENTER),
        "subheader": ParagraphStyle("Subheader", parent=base, fontSize=10.5, leading=14, alignment=TA_CENTER),
        "title": ParagraphStyle("Title", parent=base, fontName=bold, fontSize=15, leading=20, alignment=TA_CENTER,
                                spaceBefore=8, spaceAfter=10),
        "label": ParagraphStyle("Label", parent=base, fontName=bold),
        "heading": ParagraphStyle("Heading", parent=base, fontName=bold, fontSize=11, leading=15, spaceBefore=10,
                                  spaceAfter=4),
        "small": ParagraphStyle("Small", parent=base, fontSize=8.5, leading=11.5,
                                textColor=colors.HexColor("#444444")),
    }
