"""Reports: the muhtar desk's quarter (per neighbourhood: asked, done, not done and why, open) and the
annual right-to-information (4982) report for the Review Board, as JSON and as CSV for Excel."""
from werkzeug.wrappers import Response

from servicekit.spreadsheet import excel_csv

from .. import report_schemas
from ..http import http, json_response
from .common import actor, query_args

INFORMATION_TYPE = "bilgi_edinme"
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


class ReportRoutes:
    @http("GET", "/api/v1/reports/muhtar")
    def muhtar_report(self, request):
        """The muhtar desk's quarter, `?year=2026&quarter=4`: per neighbourhood, the muhtars' requests
        received in it (Istanbul dates), done, not done (each with its reason) and still open."""
        return json_response(self._muhtar_report(request, "reports.muhtar_read"))

    @http("GET", "/api/v1/reports/muhtar.csv")
    def muhtar_report_csv(self, request):
        """The same as CSV for Excel: a row per neighbourhood, then a row per request not done."""
        report = self._muhtar_report(request, "reports.muhtar_export")
        return csv_response(excel_csv(*muhtar_table(report)),
                            f"muhtar-raporu-{report['year']}-{report['quarter']}.csv")

    @http("GET", "/api/v1/reports/bilgi-edinme")
    def information_request_report(self, request):
        """The annual 4982 report for the Review Board, `?year=2026`: the lines of its form, refusals by
        exemption article, the applications not processed (counted as refused, as the Board asks)."""
        return json_response(self._information_report(request, "reports.information_read"))

    @http("GET", "/api/v1/reports/bilgi-edinme.csv")
    def information_request_report_csv(self, request):
        """The same as CSV for Excel: a line and its count per row."""
        report = self._information_report(request, "reports.information_export")
        return csv_response(excel_csv(*information_table(report)), f"bilgi-edinme-raporu-{report['year']}.csv")

    def _muhtar_report(self, request, audit_action):
        principal = self.guard.require(self.db, request, "reports.read")
        period = query_args(report_schemas.MuhtarReportQuerySchema, request)
        report = self._call("muhtar_report", period["year"], period["quarter"], actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, audit_action, "report",
                         f"muhtar-{period['year']}-{period['quarter']}")
        return report

    def _information_report(self, request, audit_action):
        principal = self.guard.require(self.db, request, "reports.read")
        year = query_args(report_schemas.InformationReportQuerySchema, request)["year"]
        figures = self._call("information_request_report", year, actor(principal), service="routing")
        not_processed = self._call("not_processed_count", year, INFORMATION_TYPE, service="intake")
        self.guard.audit(self.db, request, principal, audit_action, "report", f"bilgi-edinme-{year}")
        return information_report(figures, not_processed)


def information_report(figures, not_processed):
    """routing's figures of the year's cases and intake's count of those not processed, as the Board's form
    words them: applications not processed are refusals (the Board's instructions)."""
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


def csv_response(content, filename):
    return Response(content, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})
