"""The reports as their readers expect them (no SQL, no I/O): the Review Board's annual 4982 form, whose
lines count the applications not processed among the refusals, and the CSV tables staff open in Excel."""

# the lines of the Board's annual report form; the three under "refused" are its parts
INFORMATION_LINES = (
    ("total", "Bilgi edinme başvurusu toplamı"),
    ("granted", "Olumlu cevaplanarak bilgi veya belgelere erişim sağlanan başvurular"),
    ("partly_granted", "Kısmen olumlu cevaplanarak kısmen de reddedilerek bilgi ve belgelere erişim sağlanan "
                       "başvurular"),
    ("refused", "Reddedilen başvurular toplamı"),
    ("refused_answered", "Reddedilenlerden: cevaplanarak reddedilen başvurular (dağılımı maddelere göre)"),
    ("not_processed", "Reddedilenlerden: Bilgi Edinme Yönetmeliği m. 9, 10, 11 ve 14 uyarınca işleme konulmayan "
                      "başvurular"),
    ("forwarded", "Diğer kurum ve kuruluşlara yönlendirilen başvurular"),
    ("pending", "Yıl sonunda sonuçlanmamış başvurular"),
    ("objections", "Bilgi Edinme Değerlendirme Kurulu'na yapılan itirazlar"),
)
OBJECTIONS_NOT_TRACKED = ("Bilgi Edinme Değerlendirme Kurulu'na yapılan itirazlar platformda izlenmiyor: sayı "
                          "bilinmiyor (null), raporu gönderen birim elle doldurmalı.")
AS_OF_NOTE = "Sonuçlar yıl sonundaki durumdur; yıl sürüyorsa bugünkü durumdur."
MUHTAR_COUNTS = (("asked", "Talep"), ("granted", "Olumlu"), ("partly_granted", "Kısmen olumlu"),
                 ("done", "Yapılan"), ("refused", "Reddedilen"), ("not_competent", "Görev dışı"),
                 ("forwarded", "Başka kuruma gönderilen"), ("not_done", "Yapılamayan"),
                 ("open", "Cevap bekleyen"), ("overdue", "Süresi geçen"))
MUHTAR_ITEM = (("tracking_number", "Takip no"), ("subject", "Konu"), ("category", "Kategori"),
               ("outcome_label", "Sonuç"), ("reason", "Gerekçe"))


def information_report(figures, not_processed):
    """The Board's form from the figures of the year's cases (`report_figures.information_figures` with the
    period: year, from, to, as_of, objections) and the applications not processed of the year
    (`{"total", "by_reason"}`): applications not processed are refusals (the Board's instructions).

    >>> figures = {"year": 2026, "from": "2026-01-01", "to": "2026-12-31", "as_of": "2026-12-31", "total": 1,
    ...            "granted": 0, "partly_granted": 0, "refused": 1, "forwarded": 0, "pending": 0,
    ...            "objections": None, "refusals_by_article": []}
    >>> [line["count"] for line in information_report(figures, {"total": 2, "by_reason": []})["lines"]][:5]
    [3, 0, 0, 3, 1]
    """
    counts = {**figures, "refused_answered": figures["refused"], "not_processed": not_processed["total"],
              "total": figures["total"] + not_processed["total"],
              "refused": figures["refused"] + not_processed["total"]}
    notes = [AS_OF_NOTE] + ([OBJECTIONS_NOT_TRACKED] if figures["objections"] is None else [])
    return {"year": figures["year"], "from": figures["from"], "to": figures["to"], "as_of": figures["as_of"],
            "lines": [{"key": key, "label": label, "count": counts[key]} for key, label in INFORMATION_LINES],
            "refusals_by_article": figures["refusals_by_article"],
            "not_processed": {"total": not_processed["total"], "by_reason": not_processed["by_reason"]},
            "objections": figures["objections"], "notes": notes}


def information_table(report):
    """`(header, rows)` of the 4982 report: the form's lines, then the refusals' and not-processed parts."""
    rows = [("Rapor yılı", report["year"])]
    rows += [(line["label"], "bilinmiyor" if line["count"] is None else line["count"]) for line in report["lines"]]
    rows += [(f"Ret gerekçesi: {heading['label']}", heading["count"]) for heading in report["refusals_by_article"]]
    rows += [(f"İşleme konulmama nedeni: {reason['reason']} ({reason['article']})", reason["count"])
             for reason in report["not_processed"]["by_reason"]]
    return ("Kalem", "Sayı"), rows


def muhtar_table(report):
    """`(header, rows)` of the muhtar report: per neighbourhood its counts, then its requests not done (the
    count cells left empty, so that Excel's sums stay right), then the totals."""
    header = ("Mahalle", *(label for _key, label in MUHTAR_COUNTS), *(label for _key, label in MUHTAR_ITEM))
    blank_counts, blank_item = ("",) * len(MUHTAR_COUNTS), ("",) * len(MUHTAR_ITEM)
    rows = []
    for place in report["neighbourhoods"]:
        rows.append((place["neighbourhood"], *(place[key] for key, _label in MUHTAR_COUNTS), *blank_item))
        rows += [(place["neighbourhood"], *blank_counts, *(item[key] for key, _label in MUHTAR_ITEM))
                 for item in place["not_done_items"]]
    rows.append(("Toplam", *(report["totals"][key] for key, _label in MUHTAR_COUNTS), *blank_item))
    return header, rows
