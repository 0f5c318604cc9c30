"""Name cards and the seating plan as PDFs with Turkish letters intact."""
import datetime as dt
import io
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from servicekit.turkish import fold

from contacts import cards, seating


def pages(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def test_name_cards_are_a4_landscape_one_card_per_page_with_the_name_twice():
    data = cards.name_cards([{"name": "İsmail Işık", "title": "Gaziemir Kaymakamı"},
                             {"name": "Ayşe Gül Doğan", "title": "Ilıca Mahallesi Muhtarı"}])
    reader, texts = pages(data)
    assert len(texts) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width > height and round(width) == 842 and round(height) == 595
    assert texts[0].count("İsmail Işık") == 2 and texts[0].count("Gaziemir Kaymakamı") == 2
    assert texts[1].count("Ayşe Gül Doğan") == 2 and "Ilıca Mahallesi Muhtarı" in texts[1]


def test_a_very_long_name_is_wrapped_rather_than_cut():
    name = "Şükrü Ağaoğlu Büyükışıkoğulları Çağlayangil Özdemiroğlu Güneşdoğdu"
    _, texts = pages(cards.name_cards([{"name": name, "title": None}]))
    assert fold(texts[0]).split().count("gunesdogdu") == 2
    assert all(word in texts[0] for word in name.split())


def test_the_same_cards_give_the_same_bytes():
    card = [{"name": "İsmail Işık", "title": "Kaymakam"}]
    assert cards.name_cards(card) == cards.name_cards(card)


def test_seating_plan_shows_rows_seats_names_and_offices_with_the_front_marked():
    attendees = [{"id": "k", "name": "İsmail Işık", "rank": 1}, {"id": "b", "name": "Ayşe Doğan", "rank": 3},
                 {"id": "m", "name": "Ğülşen Ilgın", "rank": None}]
    plan = seating.plan_seating(attendees, rows=[3, 4])
    people = {"k": {"name": "İsmail Işık", "title": "Kaymakam"},
              "b": {"name": "Ayşe Doğan", "title": "Belediye Başkanı"},
              "m": {"name": "Ğülşen Ilgın", "title": None}}
    data = cards.seating_plan_pdf("29 Ekim Cumhuriyet Bayramı Resepsiyonu", dt.date(2026, 10, 29), plan, people,
                                  rows=[3, 4])
    _, texts = pages(data)
    text = " ".join(" ".join(texts).split())  # a long name may wrap inside its cell
    for expected in ("29 Ekim Cumhuriyet Bayramı Resepsiyonu", "29.10.2026", "SAHNE / ÖN", "1. sıra", "2. sıra",
                     "İsmail Işık", "Kaymakam", "Ayşe Doğan", "Belediye Başkanı", "Ğülşen Ilgın", "boş"):
        assert expected in text
    assert fold("koltuk numaraları oturanların solundan sağına") in fold(text)
    assert text.index("SAHNE / ÖN") < text.index("1. sıra") < text.index("2. sıra")


def test_seating_plan_with_an_aware_datetime_prints_istanbul_time():
    when = dt.datetime(2026, 10, 29, 7, 30, tzinfo=ZoneInfo("UTC"))
    _, texts = pages(cards.seating_plan_pdf("Açılış", when, [], {}))
    assert "29.10.2026 10:30" in texts[0]
