"""The printable letter (PDF): the answer attached to its e-mail, and every message the post room sends
on paper. Pure: the caller passes the letterhead, the addressee and the text; this lays them out on A4
the way an official letter reads (sayı, tarih, konu, addressee, text, attachments) and returns the bytes.

The address block sits where a DIN C5/6 window envelope shows it, so the post room folds and posts
without writing an address by hand.
"""
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, HRFlowable, PageTemplate, Paragraph, Spacer

from servicekit import pdf
from servicekit.files import safe_filename

WINDOW = (20 * mm, A4[1] - 90 * mm, 90 * mm, 40 * mm)  # x, y, width, height of the envelope's window


def render_letter(letter):
    """PDF bytes of a letter. `letter`: letterhead (lines), tracking_number, date (aware datetime),
    subject, addressee ({full_name, postal_address}), body (plain text), attachments (file names)."""
    regular, bold = pdf.fonts()
    st = pdf.styles(regular, bold)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=15 * mm,
                          bottomMargin=20 * mm, title=f"Yazı {letter['tracking_number']}", author="", subject="",
                          creator="notify", invariant=1)
    width = A4[0] - 40 * mm
    head = Frame(20 * mm, A4[1] - 50 * mm, width, 35 * mm, id="head", showBoundary=0)
    window = Frame(*WINDOW, id="window", showBoundary=0)
    refs = Frame(115 * mm, A4[1] - 90 * mm, width - 95 * mm, 40 * mm, id="refs", showBoundary=0)
    text = Frame(20 * mm, 20 * mm, width, A4[1] - 115 * mm, id="text", showBoundary=0)
    rest = Frame(20 * mm, 20 * mm, width, A4[1] - 35 * mm, id="rest", showBoundary=0)
    footer = _footer(letter["tracking_number"], regular)
    doc.addPageTemplates([PageTemplate("first", [head, window, refs, text], onPage=footer, autoNextPageTemplate="rest"),
                          PageTemplate("rest", [rest], onPage=footer)])
    doc.build(_story(letter, st))
    return buffer.getvalue()


def _story(letter, st):
    story = [Paragraph(pdf.text(line), st["header"]) for line in letter["letterhead"]]
    story += [Spacer(1, 3 * mm), HRFlowable(width="100%", thickness=0.8, color=colors.HexColor("#333333")),
              FrameBreak()]
    addressee = letter.get("addressee") or {}
    story += [Paragraph(pdf.text(addressee.get("full_name") or "Sayın Başvuru Sahibi"), st["label"]),
              Paragraph(pdf.text(addressee.get("postal_address") or ""), st["body"]), FrameBreak()]
    story += [Paragraph(f"<b>Sayı:</b> {pdf.text(letter['tracking_number'])}", st["body"]),
              Paragraph(f"<b>Tarih:</b> {pdf.local_datetime(letter['date'], '%d.%m.%Y')}", st["body"]), FrameBreak(),
              Paragraph(f"<b>Konu:</b> {pdf.text(letter['subject'])}", st["body"]), Spacer(1, 5 * mm)]
    for paragraph in letter["body"].strip().split("\n\n"):
        story += [Paragraph(pdf.text(paragraph), st["body"]), Spacer(1, 3 * mm)]
    if letter.get("attachments"):
        story += [Spacer(1, 4 * mm), Paragraph("<b>Ekler:</b>", st["body"])]
        story += [Paragraph(f"{number}. {pdf.text(name)}", st["body"])
                  for number, name in enumerate(letter["attachments"], 1)]
    return story


def _footer(tracking_number, font):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(doc.leftMargin, 12 * mm, tracking_number)
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, 12 * mm, f"Sayfa {canvas.getPageNumber()}")
        canvas.restoreState()
    return draw


def of_message(message, letterhead):
    """The letter of a queued message (a notifications row joined with its applicant): dated the day the
    message was written, so a reprint is the same letter."""
    attachments = [safe_filename(ref["filename"]) for ref in message.get("attachments") or ()]
    if message.get("attach_receipt"):
        attachments.insert(0, "Başvuru alındı belgesi")
    return {"letterhead": letterhead, "tracking_number": message.get("tracking_number") or "",
            "date": message["created_at"], "subject": message["subject"], "body": message["body"],
            "addressee": {"full_name": message.get("full_name"), "postal_address": message.get("postal_address")},
            "attachments": attachments}
