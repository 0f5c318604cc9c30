"""The reports' part of the OpenAPI document: the muhtar desk's quarter and the annual 4982 report, each as
JSON and as CSV for Excel."""
from contracts import routing_reports as report_schemas

from .openapi_common import AUTH_ERRORS, STAFF, json_body, op

ANSWERS = {
    "MuhtarNotDoneItem": report_schemas.NotDoneItemSchema, "MuhtarCounts": report_schemas.MuhtarCountsSchema,
    "MuhtarNeighbourhood": report_schemas.MuhtarNeighbourhoodSchema,
    "MuhtarReport": report_schemas.MuhtarReportSchema, "ReportLine": report_schemas.ReportLineSchema,
    "RefusalHeading": report_schemas.RefusalHeadingSchema,
    "NotProcessedReason": report_schemas.NotProcessedReasonSchema,
    "NotProcessed": report_schemas.NotProcessedSchema, "InformationReport": report_schemas.InformationReportSchema,
}
ERRORS = (*AUTH_ERRORS, "422")  # a period missing or out of range: 422
CSV = {"description": "CSV (Excel için: UTF-8, BOM, `;`, formül olarak okunabilecek hücreler kaçışlı)",
       "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}}}
WHO = " Yönetici, halkla ilişkiler masası, Başkanlık Makamı ve denetçi okur; her okuma denetim kaydına yazılır."


def _period(schema_cls):
    """The query schema's fields as query parameters (apispec's marshmallow plugin spells them out)."""
    return [{"in": "query", "schema": schema_cls}]


def add_paths(spec):
    for name, schema in ANSWERS.items():
        spec.components.schema(name, schema=schema)
    quarter = _period(report_schemas.MuhtarReportQuerySchema)
    year = _period(report_schemas.InformationReportQuerySchema)
    muhtar = ("Muhtarlar Masası çeyrek raporu: çeyrekte (İstanbul saatiyle) gelen muhtar talepleri mahalle mahalle; "
              "talep, yapılan (olumlu, kısmen olumlu), yapılamayan (ret, görev dışı, başka kuruma gönderilen; her "
              "biri gerekçesiyle), cevap bekleyen ve süresi geçen. Başvuru sahibinin kişisel verisi yoktur." + WHO)
    spec.path(path="/api/v1/reports/muhtar", operations={"get": op(
        muhtar, "muhtarReport", STAFF, {"200": json_body("MuhtarReport", "Rapor")}, ERRORS, parameters=quarter)})
    spec.path(path="/api/v1/reports/muhtar.csv", operations={"get": op(
        "Muhtarlar Masası çeyrek raporu, Excel için CSV: her mahalle bir satır, ardından yapılamayan her talep bir "
        "satır, en sonda toplam." + WHO, "muhtarReportCsv", STAFF, {"200": CSV}, ERRORS, parameters=quarter)})
    information = ("Bilgi edinme (4982) yıllık raporu, Bilgi Edinme Değerlendirme Kurulu'nun formundaki satırlarla: "
                   "yılda (İstanbul saatiyle) gelen başvurular; olumlu, kısmen olumlu, reddedilen (işleme "
                   "konulmayanlar dahil), diğer kurumlara yönlendirilen, yıl sonunda sonuçlanmamış; retlerin "
                   "maddelere dağılımı; işleme konulmayanların nedenleri. İtirazlar izlenmiyor (null)." + WHO)
    spec.path(path="/api/v1/reports/bilgi-edinme", operations={"get": op(
        information, "informationRequestReport", STAFF, {"200": json_body("InformationReport", "Rapor")}, ERRORS,
        parameters=year)})
    spec.path(path="/api/v1/reports/bilgi-edinme.csv", operations={"get": op(
        "Bilgi edinme (4982) yıllık raporu, Excel için CSV: her satırda kalem ve sayısı." + WHO,
        "informationRequestReportCsv", STAFF, {"200": CSV}, ERRORS, parameters=year)})
