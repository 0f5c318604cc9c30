"""Reports: the muhtar desk's quarter and the annual right-to-information (4982) report for the Review
Board, as JSON and as CSV for Excel. Routing computes them (intake's applications not processed reach it
by event); the gateway authorises, asks and answers."""
from werkzeug.wrappers import Response

from contracts import routing_reports
from servicekit.spreadsheet import excel_csv

from ..http import http, json_response
from .common import actor, query_args


class ReportRoutes:
    @http("GET", "/api/v1/reports/muhtar")
    def muhtar_report(self, request):
        """The muhtar desk's quarter, `?year=2026&quarter=4`: per neighbourhood, the muhtars' requests
        received in it (Istanbul dates), done, not done (each with its reason) and still open."""
        return json_response(self._muhtar_report(request, "muhtar_report", "reports.muhtar_read"))

    @http("GET", "/api/v1/reports/muhtar.csv")
    def muhtar_report_csv(self, request):
        """The same as CSV for Excel: a row per neighbourhood, then a row per request not done."""
        return csv_response(self._muhtar_report(request, "muhtar_report_table", "reports.muhtar_export"))

    @http("GET", "/api/v1/reports/bilgi-edinme")
    def information_request_report(self, request):
        """The annual 4982 report for the Review Board, `?year=2026`: the lines of its form, refusals by
        exemption article, the applications not processed (counted as refused, as the Board asks)."""
        return json_response(self._information_report(request, "information_request_report",
                                                      "reports.information_read"))

    @http("GET", "/api/v1/reports/bilgi-edinme.csv")
    def information_request_report_csv(self, request):
        """The same as CSV for Excel: a line and its count per row."""
        return csv_response(self._information_report(request, "information_request_report_table",
                                                     "reports.information_export"))

    def _muhtar_report(self, request, method, audit_action):
        principal = self.guard.require(self.db, request, "reports.read")
        period = query_args(routing_reports.MuhtarReportQuerySchema, request)
        report = self._call(method, period["year"], period["quarter"], actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, audit_action, "report",
                         f"muhtar-{period['year']}-{period['quarter']}")
        return report

    def _information_report(self, request, method, audit_action):
        principal = self.guard.require(self.db, request, "reports.read")
        year = query_args(routing_reports.InformationReportQuerySchema, request)["year"]
        report = self._call(method, year, actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, audit_action, "report", f"bilgi-edinme-{year}")
        return report


def csv_response(table):
    """Routing's `{"filename", "header", "rows"}` as a CSV file for Excel."""
    return Response(excel_csv(table["header"], table["rows"]), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{table["filename"]}"',
                             "Cache-Control": "no-store"})
