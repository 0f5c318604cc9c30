"""Printable PDFs for an event (DOMAIN.md §5): tent name cards and the seating plan.

Fonts with Turkish letters, escaping and local dates come from `servicekit.pdf` (`PDF_FONT_PATH`
chooses the font). Output is reproducible: the same input gives the same bytes (`invariant=1`).
"""
import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from servicekit import pdf

SEAT_NOTE = ("Koltuk numaraları oturanların solundan sağına verilmiştir; plan, oturanların arkasından "
             "sahneye bakılarak çizilmiştir (karşıdan bakan salon numaraları ters sırada görür).")
STAGE = "SAHNE / ÖN"
EMPTY = "boş"
MAX_COLUMNS = 12

_PAGE = landscape(A4)
_MARGIN = 15 * mm
_MAX_SEAT_WIDTH = 45 * mm


def _fit(text, font, largest, smallest, width):
    """The font size at which `text` fits `width`, and its lines (wrapped only at the smallest size)."""
    size = max(smallest, min(largest, width / (stringWidth(text, font, 1) or 1)))
    lines = [text] if stringWidth(text, font, size) <= width else simpleSplit(text, font, size, width)
    return size, lines


def _face(c, name, title, regular, bold, height):
    """One face of a tent card: name and title centred, upright, in a box of the page's width and `height`."""
    width = _PAGE[0] - 2 * _MARGIN
    size, lines = _fit(name, bold, 60, 28, width)
    sub_size, sub_lines = _fit(title, regular, 24, 12, width) if title else (0, [])
    name_height, gap = len(lines) * size * 1.15, (4 * mm if sub_lines else 0)
    top = height / 2 + (name_height + gap + len(sub_lines) * sub_size * 1.2) / 2
    c.setFont(bold, size)
    for i, line in enumerate(lines):
        c.drawCentredString(_PAGE[0] / 2, top - size - i * size * 1.15, line)
    if sub_lines:
        c.setFont(regular, sub_size)
        for i, line in enumerate(sub_lines):
            c.drawCentredString(_PAGE[0] / 2, top - name_height - gap - sub_size - i * sub_size * 1.2, line)


def name_cards(cards, font_path=None):
    """Tent name cards as PDF bytes: one A4 landscape page per card, `cards` being [{"name", "title"}].

    The page is folded along its horizontal middle (a dashed line marks it): the lower half shows the
    name upright, the upper half shows it upside down, so the folded tent reads from both sides. The
    office title is printed under the name.
    """
    regular, bold = pdf.fonts(font_path)
    buf = io.BytesIO()
    c = pdfcanvas.Canvas(buf, pagesize=_PAGE, invariant=1, pageCompression=1)
    c.setTitle("Yaka/masa isimlikleri")
    c.setCreator("contacts")
    half = _PAGE[1] / 2
    for card in cards:
        name, title = str(card.get("name") or "").strip(), str(card.get("title") or "").strip()
        _face(c, name, title, regular, bold, half)
        c.saveState()
        c.translate(_PAGE[0], _PAGE[1])
        c.rotate(180)
        _face(c, name, title, regular, bold, half)
        c.restoreState()
        c.saveState()
        c.setDash(4, 4)
        c.setStrokeColor(colors.HexColor("#999999"))
        c.line(_MARGIN / 2, half, _PAGE[0] - _MARGIN / 2, half)
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def _date(value):
    if isinstance(value, dt.datetime):
        return pdf.local_datetime(value)
    return value.strftime("%d.%m.%Y") if isinstance(value, dt.date) else str(value or "")


def _row_tables(seated, people, seats, width, st):
    """The tables of one row: seat numbers over names over offices, at most MAX_COLUMNS seats each."""
    tables = []
    for start in range(1, seats + 1, MAX_COLUMNS):
        numbers = range(start, min(seats, start + MAX_COLUMNS - 1) + 1)
        cells = [[Paragraph(f"{n}", st["label"]) for n in numbers], [], []]
        for n in numbers:
            person = people.get(seated.get(n), {}) if n in seated else None
            cells[1].append(Paragraph(pdf.text(person.get("name") if person is not None else EMPTY), st["body"]))
            cells[2].append(Paragraph(pdf.text((person or {}).get("title")), st["small"]))
        table = Table(cells, colWidths=[width] * len(numbers), hAlign="CENTER")
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        tables.append(table)
    return tables


def seating_plan_pdf(event_title, event_date, plan, people, rows=None, font_path=None):
    """The seating plan as PDF bytes: the stage/front on top, then one grid per row, front row first.

    `plan` is seating.plan_seating's list of {"row", "seat", "attendee_id"}; `people` maps attendee id
    to {"name", "title"}; `rows` (seat counts per row) shows empty seats up to the row's end, else a row
    is drawn up to its last seat taken. `event_date` is a date or an aware datetime.
    """
    regular, bold = pdf.fonts(font_path)
    st = pdf.styles(regular, bold)
    by_row = {}
    for p in plan:
        by_row.setdefault(p["row"], {})[p["seat"]] = p["attendee_id"]
    count = len(rows) if rows else max(by_row, default=0)

    stage = Table([[Paragraph(STAGE, st["header"])]], colWidths=[_PAGE[0] - 2 * _MARGIN])
    stage.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#DDDDDD")),
                               ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#333333"))]))
    story = [Paragraph(pdf.text(event_title), st["title"]), Paragraph(pdf.text(_date(event_date)), st["subheader"]),
             Spacer(1, 3 * mm), Paragraph(pdf.text(SEAT_NOTE), st["small"]), Spacer(1, 3 * mm), stage]
    lengths = [rows[r - 1] if rows else max(by_row.get(r, {}), default=0) for r in range(1, count + 1)]
    # one column width for the whole plan, so seats of different rows line up under the stage
    width = min(_MAX_SEAT_WIDTH, (_PAGE[0] - 2 * _MARGIN) / max(1, min(MAX_COLUMNS, max(lengths, default=1))))
    for row, seats in enumerate(lengths, start=1):
        if seats:
            heading = Paragraph(f"{row}. sıra (koltuk numarası, ad, görev)", st["heading"])
            story.append(KeepTogether([heading] + _row_tables(by_row.get(row, {}), people, seats, width, st)))

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=_PAGE, leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN,
                            bottomMargin=_MARGIN, title=f"Oturma planı: {event_title}", creator="contacts",
                            invariant=1)
    doc.build(story)
    return buf.getvalue()
