"""The morning digest: yesterday by the Istanbul calendar, grouped by tone, as e-mail text and as PDF."""
import io
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from press.digest import build_digest, digest_pdf, digest_subject, digest_text

UTC = timezone.utc
IST = ZoneInfo("Europe/Istanbul")
MORNING = datetime(2026, 11, 26, 8, 30, tzinfo=IST)   # Thursday; yesterday was Wednesday 25 November


def clipping(n, title, at, outlet="Yeni Asır", tone=None, **extra):
    return {"id": n, "title": title, "url": f"https://haber.example/{n}", "outlet": outlet, "published_at": at,
            "captured_at": MORNING, "tone": tone, **extra}


CLIPPINGS = [
    clipping(1, "Gaziemir'de yeni park hizmete açıldı", datetime(2026, 11, 25, 10, 0, tzinfo=IST), tone="lehte",
             new_practice=True),
    clipping(2, "Emrez'de su baskını: Işıklandırma da çalışmıyor", datetime(2026, 11, 25, 18, 45, tzinfo=IST),
             outlet="Ege Telgraf", tone="aleyhte", important=True),
    clipping(3, "Ağaçlandırma seferberliği başladı", datetime(2026, 11, 25, 0, 0, tzinfo=IST), tone="lehte"),
    clipping(4, "Meclis toplandı", datetime(2026, 11, 25, 23, 59, tzinfo=IST), outlet="Ege Telgraf",
             tone="tarafsiz"),
    clipping(5, "Kreş kayıtları e-Belediye'den", None, outlet="Gaziemir Haber", new_practice=True,
             captured_at=datetime(2026, 11, 25, 7, 0, tzinfo=IST)),
    # not yesterday in Istanbul, whatever the UTC date says
    clipping(6, "Önceki gün", datetime(2026, 11, 24, 20, 59, tzinfo=UTC), tone="lehte"),  # 24th, 23:59 İstanbul
    clipping(7, "Bu sabah", datetime(2026, 11, 25, 21, 0, tzinfo=UTC), tone="aleyhte"),     # 26th, 00:00 İstanbul
]


def test_the_digest_holds_yesterday_by_the_istanbul_calendar():
    digest = build_digest(CLIPPINGS, MORNING)
    assert digest["day"] == date(2026, 11, 25)
    assert digest["total"] == 5
    every = [item["id"] for group in digest["groups"] for item in group["items"]]
    assert sorted(every) == [1, 2, 3, 4, 5]


def test_items_are_grouped_by_tone_with_the_untoned_last_and_newest_first():
    digest = build_digest(CLIPPINGS, MORNING)
    assert [(g["tone"], g["label"], [i["id"] for i in g["items"]]) for g in digest["groups"]] == [
        ("lehte", "Lehte", [1, 3]), ("aleyhte", "Aleyhte", [2]), ("tarafsiz", "Tarafsız", [4]),
        (None, "Değerlendirilmedi", [5])]
    assert digest["counts_by_tone"] == {"lehte": 2, "aleyhte": 1, "tarafsiz": 1, None: 1}


def test_outlets_are_counted_most_first_then_by_name():
    digest = build_digest(CLIPPINGS, MORNING)
    assert list(digest["counts_by_outlet"].items()) == [("Ege Telgraf", 2), ("Yeni Asır", 2), ("Gaziemir Haber", 1)]


def test_items_on_new_municipal_practice_are_marked_and_listed():
    digest = build_digest(CLIPPINGS, MORNING)
    assert [item["id"] for item in digest["new_practice"]] == [1, 5]
    assert digest["new_practice"][1]["at"] == datetime(2026, 11, 25, 7, 0, tzinfo=IST)  # captured, not published


def test_a_given_day_can_be_digested_again():
    digest = build_digest(CLIPPINGS, MORNING, day=date(2026, 11, 24))
    assert [item["id"] for group in digest["groups"] for item in group["items"]] == [6]


def test_the_e_mail_says_it_in_turkish():
    digest = build_digest(CLIPPINGS, MORNING, municipality="Gaziemir Belediyesi")
    assert digest_subject(digest) == "Basın özeti — 25.11.2026 Çarşamba"
    text = digest_text(digest)
    assert text.startswith("Gaziemir Belediyesi — Basın Özeti\n25.11.2026 Çarşamba\n")
    assert ("Dün belediyeyle ilgili 5 haber çıktı: 2 lehte, 1 aleyhte, 1 tarafsız, 1 değerlendirilmedi."
            in text)
    assert ("  • 10:00 Yeni Asır — Gaziemir'de yeni park hizmete açıldı [yeni uygulama]\n"
            "    https://haber.example/1") in text
    assert "  • 18:45 Ege Telgraf — Emrez'de su baskını: Işıklandırma da çalışmıyor [önemli]" in text
    assert "\nDEĞERLENDİRİLMEDİ (1)\n" in text and "\nTARAFSIZ (1)\n" in text
    assert "Belediye uygulamalarındaki yenilikler (2):" in text
    assert "  Ege Telgraf: 2\n  Yeni Asır: 2\n  Gaziemir Haber: 1\n" in text
    assert text.index("LEHTE (2)") < text.index("ALEYHTE (1)") < text.index("TARAFSIZ (1)")


def test_a_quiet_day_is_said_so():
    digest = build_digest([], MORNING)
    assert digest["total"] == 0 and digest["counts_by_outlet"] == {}
    text = digest_text(digest)
    assert "Dün belediyeyle ilgili haber çıkmadı." in text and "LEHTE" not in text


def pdf_text(data):
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_pdf_keeps_turkish_letters_intact():
    data = digest_pdf(build_digest(CLIPPINGS, MORNING, municipality="Gaziemir Belediyesi"))
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("Gaziemir Belediyesi", "BASIN ÖZETİ", "25.11.2026 Çarşamba", "Işıklandırma",
                     "Ağaçlandırma seferberliği başladı", "Değerlendirilmedi", "Tarafsız",
                     "[yeni uygulama]", "Yayın organlarına göre", "18:45 Ege Telgraf"):
        assert expected in text, expected
    assert all(letter in text for letter in "İşğıÇÖ")


def test_the_pdf_is_the_same_bytes_for_the_same_digest():
    digest = build_digest(CLIPPINGS, MORNING)
    assert digest_pdf(digest) == digest_pdf(digest)


def test_a_long_digest_flows_over_pages():
    many = [clipping(n, f"Gaziemir'de {n}. haber: Sarnıç'ta çalışma", datetime(2026, 11, 25, 12, 0, tzinfo=IST))
            for n in range(120)]
    data = digest_pdf(build_digest(many, MORNING))
    assert len(PdfReader(io.BytesIO(data)).pages) > 1
    assert "Gaziemir'de 119. haber: Sarnıç'ta çalışma" in pdf_text(data)
