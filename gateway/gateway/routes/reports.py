"""The reports' CSV files for Excel, written by hand: a file, which a declaration cannot answer. The same reports
as JSON are routing's declarations (`contracts.routing_api`); routing computes both, the gateway only turns
routing's table into the CSV file."""
from werkzeug.wrappers import Response

from contracts import routing_reports
from servicekit.spreadsheet import excel_csv

from ..http import http
from .common import actor, query_args


class ReportRoutes:
    @http("GET", "/api/v1/reports/muhtar.csv")
    def muhtar_report_csv(self, request):
        """Special: a file. The muhtar desk's quarter, `?year=2026&quarter=4`, as CSV for Excel: a row per
        neighbourhood, then a row per request not done."""
        principal = self.guard.require(self.db, request, "reports.read")
        period = query_args(routing_reports.MuhtarReportQuerySchema, request)
        table = self._call("muhtar_report_table", period["year"], period["quarter"], actor(principal),
                           service="routing")
        self.guard.audit(self.db, request, principal, "reports.muhtar_export", "report",
                         f"muhtar-{period['year']}-{period['quarter']}")
        return csv_response(table)

    @http("GET", "/api/v1/reports/bilgi-edinme.csv")
    def information_request_report_csv(self, request):
        """Special: a file. The annual 4982 report, `?year=2026`, as CSV for Excel: a line and its count per row."""
        principal = self.guard.require(self.db, request, "reports.read")
        year = query_args(routing_reports.InformationReportQuerySchema, request)["year"]
        table = self._call("information_request_report_table", year, actor(principal), service="routing")
        self.guard.audit(self.db, request, principal, "reports.information_export", "report", f"bilgi-edinme-{year}")
        return csv_response(table)


def csv_response(table):
    """Routing's `{"filename", "header", "rows"}` as a CSV file for Excel."""
    return Response(excel_csv(table["header"], table["rows"]), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{table["filename"]}"',
                             "Cache-Control": "no-store"})
