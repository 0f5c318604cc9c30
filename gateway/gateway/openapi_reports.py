"""The reports' CSV files in the OpenAPI document (`routes/reports.py`); the same reports as JSON are documented
from routing's declarations (`contracts.routing_api`)."""
from contracts import routing_reports as report_schemas
from contracts.routing_api import WHO

from .openapi_common import AUTH_ERRORS, STAFF, op

TAG = "Raporlar"
ERRORS = (*AUTH_ERRORS, "422")  # a period missing or out of range: 422
CSV = {"description": "CSV (Excel için: UTF-8, BOM, `;`, formül olarak okunabilecek hücreler kaçışlı)",
       "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}}}


def _period(schema_cls):
    """The query schema's fields as query parameters (apispec's marshmallow plugin spells them out)."""
    return [{"in": "query", "schema": schema_cls}]


def add_paths(spec):
    quarter = _period(report_schemas.MuhtarReportQuerySchema)
    year = _period(report_schemas.InformationReportQuerySchema)
    spec.path(path="/api/v1/reports/muhtar.csv", operations={"get": {**op(
        "Muhtarlar Masası çeyrek raporu, Excel için CSV: her mahalle bir satır, ardından yapılamayan her talep bir "
        "satır, en sonda toplam." + WHO, "muhtarReportCsv", STAFF, {"200": CSV}, ERRORS, parameters=quarter),
        "tags": [TAG]}})
    spec.path(path="/api/v1/reports/bilgi-edinme.csv", operations={"get": {**op(
        "Bilgi edinme (4982) yıllık raporu, Excel için CSV: her satırda kalem ve sayısı." + WHO,
        "informationRequestReportCsv", STAFF, {"200": CSV}, ERRORS, parameters=year), "tags": [TAG]}})
