"""Receipt (alındı belgesi) PDF for an application.

Pure module: no nameko, no SQL.  The caller gathers the already-translated
labels and passes them in a plain dict; this module only lays them out on an
A4 page with reportlab and returns the PDF bytes.

The applicant's secret code is deliberately *not* a parameter: the receipt
only tells the applicant that tracking number + secret code let them follow
the application (``lookup_hint``).

Fonts with Turkish letters, escaping and local dates come from
``servicekit.pdf`` (``PDF_FONT_PATH`` chooses the font).

Output is reproducible: the document is built with ``invariant=1`` so that
the same input gives the same bytes (no creation date, fixed document id).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
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

from servicekit import pdf

__all__ = ["FILENAME", "KVKK_NOTICE", "REASONS_HEADING", "ReceiptFontMissing", "TITLE", "format_local_datetime",
           "render_receipt"]

TITLE = "BAŞVURU ALINDI BELGESİ"
FILENAME = "alindi-belgesi.pdf"  # the name it goes out under, beside an e-mail
REASONS_HEADING = "İşleme konulmama gerekçeleri"
KVKK_NOTICE = (
    "Kişisel verileriniz 3071 ve 4982 sayılı Kanunlar gereğince başvurunuzun "
    "sonuçlandırılması amacıyla işlenmektedir."
)

_LABEL_TRACKING = "Takip numarası"
_LABEL_RECEIVED_AT = "Başvuru tarihi"
_LABEL_CHANNEL = "Başvuru kanalı"
_LABEL_TYPE = "Başvuru türü"
_LABEL_STATUS = "Durum"
_LABEL_SUBJECT = "Başvuru konusu"

_HEADING_ROOM = 30 * mm

ReceiptFontMissing = pdf.FontMissing
format_local_datetime = pdf.local_datetime
_text = pdf.text


# --------------------------------------------------------------------------
# layout
# --------------------------------------------------------------------------

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
    regular, bold = pdf.fonts(font_path)
    st = pdf.styles(regular, bold)

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
