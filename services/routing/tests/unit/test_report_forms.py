"""The reports as their readers expect them: applications intake did not process are refusals on the
Board's form, and the CSV tables keep Excel's sums right."""
from routing.report_forms import information_report, information_table, muhtar_table

FIGURES = {"year": 2026, "from": "2026-01-01", "to": "2026-12-31", "as_of": "2026-12-31", "total": 10,
           "granted": 6, "partly_granted": 1, "refused": 2, "forwarded": 1, "pending": 0, "objections": None,
           "refusals_by_article": [{"article": "21", "label": "Kişisel bilgiler (m. 21)", "count": 2}]}
NOT_PROCESSED = {"total": 3, "by_reason": [{"reason": "tckn_yok", "article": "Yönetmelik m. 9", "count": 3}]}


def test_applications_not_processed_are_counted_as_refused_and_in_the_total():
    report = information_report(FIGURES, NOT_PROCESSED)
    lines = {line["key"]: line["count"] for line in report["lines"]}
    assert (lines["total"], lines["refused"], lines["refused_answered"], lines["not_processed"]) == (13, 5, 2, 3)
    assert lines["objections"] is None and any("elle" in note for note in report["notes"])
    header, rows = information_table(report)
    assert header == ("Kalem", "Sayı") and ("Bilgi edinme başvurusu toplamı", 13) in rows
    assert ("Bilgi Edinme Değerlendirme Kurulu'na yapılan itirazlar", "bilinmiyor") in rows


def test_the_muhtar_table_leaves_counts_empty_on_the_rows_of_requests_not_done():
    counts = dict(asked=2, granted=1, partly_granted=0, done=1, refused=0, not_competent=0, forwarded=1, not_done=1,
                  open=0, overdue=0)
    item = {"tracking_number": "GZM-2026-000007", "subject": "Yol", "category": "yol",
            "outcome_label": "Başka kuruma gönderildi", "reason": "İzBB: ana arter"}
    report = {"neighbourhoods": [{"neighbourhood": "Aktepe", **counts, "not_done_items": [item]}], "totals": counts}
    header, rows = muhtar_table(report)
    assert len(rows) == 3 and all(len(row) == len(header) for row in rows)
    assert rows[1][1:11] == ("",) * 10 and rows[1][-1] == "İzBB: ana arter"
    assert rows[2][0] == "Toplam" and rows[2][1] == 2
