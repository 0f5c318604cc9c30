"""Receipt (alındı belgesi) PDF for an application.

Pure module: no nameko, no SQL.  The caller gathers the already-translated
labels and passes them in a plain dict; this module only lays them out on an
A4 page with reportlab and returns the PDF bytes.

The applicant's secret code is deliberately *not* a parameter: the receipt
only tells the applicant that tracking number + secret code let them follow
the application (``lookup_hint``).

Turkish glyphs (ş, ğ, ı, İ, â ...) are not in reportlab's built-in Helvetica,
so a TrueType font is registered.  Its path comes from the ``font_path``
argument, else ``RECEIPT_FONT_PATH``, else DejaVu Sans from Debian's
``fonts-dejavu-core``.  A bold face named ``<stem>-Bold<ext>`` beside the
regular file is used for headings when present.

Output is reproducible: the document is built with ``invariant=1`` so that
the same input gives the same bytes (no creation date, fixed document id).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import threading
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    HRFlowable,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "DEFAULT_FONT_PATH",
    "FONT_PATH_ENV",
    "KVKK_NOTICE",
    "REASONS_HEADING",
    "ReceiptFontMissing",
    "TITLE",
    "format_local_datetime",
    "render_receipt",
]

DEFAULT_FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_PATH_ENV = "RECEIPT_FONT_PATH"

TITLE = "BAŞVURU ALINDI BELGESİ"
REASONS_HEADING = "İşleme konulmama gerekçeleri"
KVKK_NOTICE = (
    "Kişisel verileriniz 3071 ve 4982 sayılı Kanunlar gereğince başvurunuzun "
    "sonuçlandırılması amacıyla işlenmektedir."
)
DATE_FORMAT = "%d.%m.%Y %H:%M"

_LABEL_TRACKING = "Takip numarası"
_LABEL_RECEIVED_AT = "Başvuru tarihi"
_LABEL_CHANNEL = "Başvuru kanalı"
_LABEL_TYPE = "Başvuru türü"
_LABEL_STATUS = "Durum"
_LABEL_SUBJECT = "Başvuru konusu"

_HEADING_ROOM = 30 * mm


class ReceiptFontMissing(RuntimeError):
    """The TrueType font needed for Turkish characters is not on disk."""


# --------------------------------------------------------------------------
# time zone
# --------------------------------------------------------------------------

def _istanbul_tz() -> _dt.tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Istanbul")
    except Exception:  # no system tz database and no tzdata package
        # Türkiye has stayed on UTC+03:00 all year round since 2016-09-07.
        return _dt.timezone(_dt.timedelta(hours=3), "+03")


_ISTANBUL = _istanbul_tz()


def format_local_datetime(value: _dt.datetime) -> str:
    """``26.11.2026 14:05`` in Europe/Istanbul local time.

    A naive datetime is refused: its meaning (UTC? local?) would be a guess.
    """
    if not isinstance(value, _dt.datetime):
        raise TypeError("received_at must be a datetime, got %r" % type(value).__name__)
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    return value.astimezone(_ISTANBUL).strftime(DATE_FORMAT)


# --------------------------------------------------------------------------
# fonts
# --------------------------------------------------------------------------

_FONT_LOCK = threading.Lock()
# resolved regular-font path -> (regular font name, bold font name)
_FONT_CACHE: dict[str, tuple[str, str]] = {}


def _resolve_font_path(font_path: str | None) -> str:
    path = font_path or os.environ.get(FONT_PATH_ENV) or DEFAULT_FONT_PATH
    if not os.path.isfile(path):
        raise ReceiptFontMissing(
            "Receipt font not found at %r: install the Debian package "
            "fonts-dejavu-core (apt-get install fonts-dejavu-core) or set "
            "%s to a TrueType font that has Turkish characters."
            % (path, FONT_PATH_ENV)
        )
    return os.path.abspath(path)


def _bold_candidate(path: str) -> str:
    stem, ext = os.path.splitext(path)
    return stem + "-Bold" + ext


def _register_fonts(path: str) -> tuple[str, str]:
    """Register the regular (and bold, if beside it) face once per path."""
    cached = _FONT_CACHE.get(path)
    if cached is not None:
        return cached
    with _FONT_LOCK:
        cached = _FONT_CACHE.get(path)
        if cached is not None:
            return cached
        # Name derived from the path: stable across processes (so output
        # bytes are stable) and distinct for distinct files.
        tag = hashlib.sha1(path.encode("utf-8")).hexdigest()[:8]
        regular = "ReceiptSans-" + tag
        bold = regular
        try:
            pdfmetrics.registerFont(TTFont(regular, path))
        except Exception as exc:
            raise ReceiptFontMissing(
                "Receipt font %r could not be loaded as a TrueType font (%s): "
                "install fonts-dejavu-core or set %s to a valid .ttf file."
                % (path, exc, FONT_PATH_ENV)
            ) from exc
        bold_path = _bold_candidate(path)
        if os.path.isfile(bold_path):
            try:
                pdfmetrics.registerFont(TTFont(regular + "-Bold", bold_path))
                bold = regular + "-Bold"
            except Exception:
                bold = regular  # unusable bold face: headings stay regular
        pdfmetrics.registerFontFamily(
            regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
        )
        _FONT_CACHE[path] = (regular, bold)
        return regular, bold


# --------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------

def _text(value) -> str:
    """Escape free text for a platypus Paragraph; keep the line breaks."""
    if value is None:
        return ""
    text = escape(str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\n", "<br/>")


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "ReceiptBody",
        fontName=regular,
        fontSize=10,
        leading=14,
        splitLongWords=1,  # a long URL must not run off the page
    )
    return {
        "body": base,
        "header": ParagraphStyle(
            "ReceiptHeader", parent=base, fontName=bold, fontSize=12,
            leading=16, alignment=TA_CENTER,
        ),
        "subheader": ParagraphStyle(
            "ReceiptSubheader", parent=base, fontSize=10.5, leading=14,
            alignment=TA_CENTER,
        ),
        "title": ParagraphStyle(
            "ReceiptTitle", parent=base, fontName=bold, fontSize=15,
            leading=20, alignment=TA_CENTER, spaceBefore=8, spaceAfter=10,
        ),
        "label": ParagraphStyle("ReceiptLabel", parent=base, fontName=bold),
        "heading": ParagraphStyle(
            "ReceiptHeading", parent=base, fontName=bold, fontSize=11,
            leading=15, spaceBefore=10, spaceAfter=4,
        ),
        "small": ParagraphStyle(
            "ReceiptSmall", parent=base, fontSize=8.5, leading=11.5,
            textColor=colors.HexColor("#444444"),
        ),
    }


def _footer(tracking: str, regular: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(doc.leftMargin, 12 * mm, tracking)
        canvas.drawRightString(
            doc.pagesize[0] - doc.rightMargin, 12 * mm,
            "Sayfa %d" % canvas.getPageNumber(),
        )
        canvas.restoreState()

    return draw


def render_receipt(
    receipt: dict, font_path: str | None = None, *, compress: bool = True
) -> bytes:
    """Render the receipt and return the PDF bytes.

    ``compress=False`` leaves the page streams uncompressed (handy when
    inspecting the file by eye); the visible result is the same.
    """
    regular, bold = _register_fonts(_resolve_font_path(font_path))
    st = _styles(regular, bold)

    tracking = str(receipt["tracking_number"])
    received = format_local_datetime(receipt["received_at"])
    reasons = [str(r) for r in (receipt.get("reasons") or []) if str(r).strip()]

    story = [
        Paragraph(_text(receipt["municipality"]), st["header"]),
        Paragraph(_text(receipt["directorate"]), st["subheader"]),
        Spacer(1, 4 * mm),
        HRFlowable(width="100%", thickness=0.8, color=colors.HexColor("#333333")),
        Paragraph(escape(TITLE), st["title"]),
    ]

    rows = [
        (_LABEL_TRACKING, tracking),
        (_LABEL_RECEIVED_AT, received),
        (_LABEL_CHANNEL, receipt["channel_label"]),
        (_LABEL_TYPE, receipt["type_label"]),
        (_LABEL_STATUS, receipt["status_label"]),
    ]
    table = Table(
        [[Paragraph(_text(k), st["label"]), Paragraph(_text(v), st["body"])]
         for k, v in rows],
        colWidths=[45 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    story.append(table)

    # The subject stays outside the table so a very long text can flow
    # over several pages instead of failing layout.
    # (A heading keeps a few lines of room after it instead of keepWithNext,
    # which would push a whole long subject/list to the next page.)
    story.append(CondPageBreak(_HEADING_ROOM))
    story.append(Paragraph(escape(_LABEL_SUBJECT), st["heading"]))
    story.append(Paragraph(_text(receipt["subject"]), st["body"]))

    if reasons:
        items = ListFlowable(
            [ListItem(Paragraph(_text(r), st["body"]), leftIndent=14)
             for r in reasons],
            bulletType="bullet",
            bulletFontName=regular,
            start="\u2022",
            leftIndent=14,
        )
        story.append(CondPageBreak(_HEADING_ROOM))
        story.append(Paragraph(escape(REASONS_HEADING), st["heading"]))
        story.append(items)

    hint = receipt.get("lookup_hint")
    if hint:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(_text(hint), st["body"]))

    story.append(Spacer(1, 6 * mm))
    story.append(HRFlowable(width="100%", thickness=0.4, color=colors.HexColor("#999999")))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(escape(KVKK_NOTICE), st["small"]))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title="Alındı Belgesi %s" % tracking,
        author=str(receipt.get("municipality") or ""),
        subject="Başvuru alındı belgesi",
        creator="intake",
        keywords="",
        invariant=1,
        pageCompression=1 if compress else 0,
    )
    footer = _footer(tracking, regular)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
