"""The morning digest (basın özeti) for the mayor's office: yesterday's clippings, Istanbul calendar day,
grouped by tone, with items on new municipal practice marked, and counts per tone and per outlet.

`build_digest` makes a plain dict that `digest_text` (the e-mail body) and `digest_pdf` (the
attachment) lay out, so both always say the same:

    {"day": date(2026, 11, 25), "municipality": "Gaziemir Belediyesi", "total": 40,
     "groups": [{"tone": "lehte", "label": "Lehte", "items": [item, …]}, …],   # lehte, aleyhte,
                                                        # tarafsiz, None (not yet toned), always all four
     "counts_by_tone": {"lehte": 6, "aleyhte": 2, "tarafsiz": 12, None: 20},
     "counts_by_outlet": {"Yeni Asır": 12, "Ege Telgraf": 8, …},   # most first, then by name
     "new_practice": [item, …]}                                       # also in their tone's group

    item = {"id", "title", "outlet", "url", "at" (aware datetime), "tone", "new_practice", "important"}

Items are newest first everywhere. The tone is the one a person set; a suggestion is not a tone.
"""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from servicekit import pdf
from servicekit.turkish import fold, lower

from press.clippings import clipping_time, istanbul_day
from press.tone import ALEYHTE, LABELS, LEHTE, TARAFSIZ

TONE_ORDER = (LEHTE, ALEYHTE, TARAFSIZ, None)
TITLE = "BASIN ÖZETİ"
DIRECTORATE = "Basın Yayın ve Halkla İlişkiler Müdürlüğü"
WEEKDAYS = ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar")
NEW_PRACTICE_MARK = "yeni uygulama"
IMPORTANT_MARK = "önemli"


def build_digest(clippings, now: datetime, *, day: date | None = None, municipality: str = "") -> dict:
    """The digest of the Istanbul calendar day before `now` (or of `day`), from any clippings given.

    Clippings outside the day are ignored; the day is judged by `clippings.clipping_time`.
    """
    day = day or istanbul_day(now) - timedelta(days=1)
    items = sorted((_item(c) for c in clippings if istanbul_day(clipping_time(c)) == day),
                   key=lambda item: item["at"], reverse=True)
    groups = [{"tone": tone, "label": LABELS[tone], "items": [i for i in items if i["tone"] == tone]}
              for tone in TONE_ORDER]
    outlets = {}
    for item in items:
        outlets[item["outlet"]] = outlets.get(item["outlet"], 0) + 1
    return {
        "day": day, "municipality": municipality, "total": len(items), "groups": groups,
        "counts_by_tone": {group["tone"]: len(group["items"]) for group in groups},
        "counts_by_outlet": dict(sorted(outlets.items(), key=lambda pair: (-pair[1], fold(pair[0])))),
        "new_practice": [item for item in items if item["new_practice"]],
    }


def _item(clipping):
    tone = clipping.get("tone")
    return {"id": clipping.get("id"), "title": clipping.get("title") or "", "outlet": clipping.get("outlet") or "",
            "url": clipping.get("url"), "at": clipping_time(clipping), "tone": tone if tone in TONE_ORDER else None,
            "new_practice": bool(clipping.get("new_practice")), "important": bool(clipping.get("important"))}


def digest_subject(digest: dict) -> str:
    """The e-mail subject: `Basın özeti — 25.11.2026 Çarşamba`."""
    return f"Basın özeti — {_day_text(digest['day'])}"


def _day_text(day):
    return f"{day.strftime('%d.%m.%Y')} {WEEKDAYS[day.weekday()]}"


def _count_sentence(digest):
    if not digest["total"]:
        return "Dün belediyeyle ilgili haber çıkmadı."
    counts = ", ".join(f"{digest['counts_by_tone'][tone]} {lower(LABELS[tone])}" for tone in TONE_ORDER)
    return f"Dün belediyeyle ilgili {digest['total']} haber çıktı: {counts}."


def _marks(item):
    return [mark for flag, mark in ((item["new_practice"], NEW_PRACTICE_MARK), (item["important"], IMPORTANT_MARK))
            if flag]


def _time(item):
    return pdf.local_datetime(item["at"], "%H:%M")


def digest_text(digest: dict) -> str:
    """The digest as a plain-text Turkish e-mail body."""
    heading = f"{digest['municipality']} — Basın Özeti" if digest["municipality"] else "Basın Özeti"
    lines = [heading, _day_text(digest["day"]), "", _count_sentence(digest)]

    def item_lines(item):
        marks = "".join(f" [{mark}]" for mark in _marks(item))
        yield f"  • {_time(item)} {item['outlet']} — {item['title']}{marks}"
        if item["url"]:
            yield f"    {item['url']}"

    if digest["new_practice"]:
        lines += ["", f"Belediye uygulamalarındaki yenilikler ({len(digest['new_practice'])}):"]
        for item in digest["new_practice"]:
            lines += item_lines(item)
    for group in digest["groups"]:
        if group["items"]:
            lines += ["", f"{_upper(group['label'])} ({len(group['items'])})"]
            for item in group["items"]:
                lines += item_lines(item)
    if digest["counts_by_outlet"]:
        lines += ["", "Yayın organlarına göre:"]
        lines += [f"  {outlet or 'Belirtilmemiş'}: {count}" for outlet, count in digest["counts_by_outlet"].items()]
    lines += ["", f"{DIRECTORATE}"]
    return "\n".join(lines) + "\n"


def _upper(text):
    """Turkish upper case: i→İ, ı→I (str.upper() gets "i" wrong)."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def digest_pdf(digest: dict, font_path: str | None = None) -> bytes:
    """The digest as an A4 PDF (same bytes for the same digest), Turkish letters intact."""
    regular, bold = pdf.fonts(font_path)
    st = pdf.styles(regular, bold)
    story = []
    if digest["municipality"]:
        story.append(Paragraph(pdf.text(digest["municipality"]), st["header"]))
    story += [Paragraph(pdf.text(DIRECTORATE), st["subheader"]), Spacer(1, 3 * mm),
              HRFlowable(width="100%", thickness=0.8, color=colors.HexColor("#333333")),
              Paragraph(pdf.text(TITLE), st["title"]),
              Paragraph(pdf.text(_day_text(digest["day"])), st["subheader"]), Spacer(1, 4 * mm),
              Paragraph(pdf.text(_count_sentence(digest)), st["body"])]
    counts = [[LABELS[tone], str(digest["counts_by_tone"][tone])] for tone in TONE_ORDER]
    story += [Spacer(1, 3 * mm), _table([["Ton", "Haber"]] + counts, st, [60 * mm, 25 * mm])]

    if digest["new_practice"]:
        story += _section(f"Belediye uygulamalarındaki yenilikler ({len(digest['new_practice'])})",
                          digest["new_practice"], st)
    for group in digest["groups"]:
        if group["items"]:
            story += _section(f"{group['label']} ({len(group['items'])})", group["items"], st)
    if digest["counts_by_outlet"]:
        rows = [[outlet or "Belirtilmemiş", str(count)] for outlet, count in digest["counts_by_outlet"].items()]
        story += [CondPageBreak(30 * mm), Paragraph(pdf.text("Yayın organlarına göre"), st["heading"]),
                  _table([["Yayın organı", "Haber"]] + rows, st, [100 * mm, 25 * mm])]

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=18 * mm, title=f"Basın özeti {digest['day'].strftime('%d.%m.%Y')}",
                            author=digest["municipality"], creator="press", invariant=1)
    doc.build(story)
    return buffer.getvalue()


def _section(heading, items, st):
    rows = [["Saat", "Yayın organı", "Haber"]]
    for item in items:
        marks = "".join(f" [{mark}]" for mark in _marks(item))
        rows.append([_time(item), item["outlet"], item["title"] + marks])
    return [CondPageBreak(30 * mm), Paragraph(pdf.text(heading), st["heading"]),
            _table(rows, st, [18 * mm, 40 * mm, None])]


def _table(rows, st, widths):
    cells = [[Paragraph(pdf.text(value), st["label"] if index == 0 else st["body"]) for value in row]
             for index, row in enumerate(rows)]
    table = Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table
