"""The operations routing offers through the gateway, each declared once (`contracts.api.Operation`), with the
schemas of what they take and answer and the cases' vocabularies (states, actions, answer outcomes): routing
validates with the same input schemas, the gateway serves, authorises, audits and documents each from its
declaration. The reports' CSV files are the gateway's own routes (`gateway/routes/reports.py`), the reports'
schemas are `contracts.routing_reports`."""
from functools import partial

from marshmallow import Schema, fields, validate

from .api import DEFAULT_MAX_BODY, PUBLIC, Audit, Operation
from .inbound import ATTACHMENT_MAX_COUNT, KVKK_REQUEST, PETITION_TYPES, AttachmentSchema, StrictSchema
from .routing_reports import (InformationReportQuerySchema, InformationReportSchema, MuhtarReportQuerySchema,
                              MuhtarReportSchema)

SERVICE = "routing"
TAG = "Dosyalar"
OPEN_STATES = ("triage", "assigned", "answer_submitted", "awaiting_mayor")
CASE_STATES = OPEN_STATES + ("answered", "forwarded", "closed")
CASE_ACTIONS = ("assign", "transfer", "forward", "extend", "fee_notice", "fee_paid", "submit_answer",
                "approve_answer", "return_answer", "close")
OUTCOMES = ("granted", "partly_granted", "refused", "not_competent", "interim")
# the application types whose legal deadline routing can preview (4982's, petitions', KVKK's)
PREVIEW_TYPES = ("bilgi_edinme", "dilekce", *PETITION_TYPES, KVKK_REQUEST)
EXEMPTION_ARTICLES = tuple(str(article) for article in range(15, 29))  # 4982's exemptions, articles 15-28

routing = partial(Operation, service=SERVICE)


# -- what the operations take -------------------------------------------------------------------------------
class DeadlinePreviewQuerySchema(StrictSchema):
    type = fields.String(required=True, validate=validate.OneOf(PREVIEW_TYPES), metadata={"example": "bilgi_edinme"})
    received_on = fields.Date(required=True, metadata={"example": "2026-03-13"})
    extended = fields.Boolean(load_default=False)


class CaseQuerySchema(StrictSchema):
    directorate = fields.String(validate=validate.Length(max=60))
    state = fields.String(validate=validate.OneOf(CASE_STATES))
    channel = fields.String(validate=validate.Length(max=30))
    neighbourhood = fields.String(validate=validate.Length(max=100))
    due_before = fields.Date()
    overdue = fields.Boolean()
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000))


def _said(max_length, **extra):
    """Text that says something: not empty, not only spaces (routing refuses a blank reason as a missing one)."""
    return fields.String(validate=[validate.Length(min=1, max=max_length),
                                   validate.Regexp(r"\s*\S", error="Boş bırakılamaz.")], **extra)


# what each action on a case takes, exactly: routing validates with the same schema (`routing.inputs`)
class AssignCase(StrictSchema):
    directorate = _said(60, required=True, metadata={"example": "fen-isleri"})


class TransferCase(StrictSchema):
    directorate = _said(60, required=True, metadata={"example": "fen-isleri"})
    reason = _said(2000, required=True)


class ForwardCase(StrictSchema):
    institution = _said(200, required=True)
    reason = _said(2000, required=True)


class ExtendCase(StrictSchema):
    reason = _said(2000, required=True, metadata={"description": "Başvuru sahibine yazıyla bildirilecek gerekçe"})


class FeeNotice(StrictSchema):
    fee_amount = _said(200, required=True, metadata={"example": "45,00 TL (90 sayfa)"})


class NoDetails(StrictSchema):
    """An action that needs nothing more than the case: `{}`."""


class SubmitAnswer(StrictSchema):
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    text = _said(20000, required=True)
    exemption_article = fields.String(validate=validate.OneOf(EXEMPTION_ARTICLES))
    attachments = fields.List(fields.Nested(AttachmentSchema), validate=validate.Length(max=ATTACHMENT_MAX_COUNT))


class ApproveAnswer(StrictSchema):
    comment = fields.String(validate=validate.Length(max=2000))


class ReturnAnswer(StrictSchema):
    comment = _said(2000, required=True)


# action -> (what it takes, Turkish summary)
CASE_ACTION_INPUTS = {
    "assign": (AssignCase, "Dosyayı müdürlüğe ata (triyajdan)"),
    "transfer": (TransferCase, "Dosyayı gerekçesiyle başka müdürlüğe aktar"),
    "forward": (ForwardCase, "Görev dışı: dosyayı gerekçesiyle yetkili kuruma gönder (3071 m. 5)"),
    "extend": (ExtendCase, "Bilgi edinme süresini gerekçesiyle 30 iş gününe uzat (4982 m. 11; yalnız bir kez, "
                           "15 iş günü dolmadan)"),
    "fee_notice": (FeeNotice, "Bilgi edinme ücret bildirimi: ödenene kadar süre durur"),
    "fee_paid": (NoDetails, "Ücret ödendi: süre yeniden işler"),
    "submit_answer": (SubmitAnswer, "Cevap taslağını (ekleriyle) onaya sun; bilgi edinme reddinde dayanılan "
                                    "madde (15–28) yazılır, ara cevap yalnız dilekçede verilir"),
    "approve_answer": (ApproveAnswer, "Cevabı onayla (gerekirse Başkanlık Makamı onayına geçer)"),
    "return_answer": (ReturnAnswer, "Cevabı açıklamasıyla geri gönder"),
    "close": (NoDetails, "Dosyayı kapat"),
}
assert tuple(CASE_ACTION_INPUTS) == CASE_ACTIONS


class RoutingRuleSchema(StrictSchema):
    directorate = fields.String(required=True, validate=validate.Length(min=1, max=60))
    category = fields.String(validate=validate.Length(max=60))
    neighbourhood = fields.String(validate=validate.Length(max=100))
    channel = fields.String(validate=validate.Length(max=30))
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=60)), validate=validate.Length(max=20))
    priority = fields.Integer(load_default=100, validate=validate.Range(min=0, max=10000))


class IdariIzinSchema(StrictSchema):
    day = fields.Date(required=True)
    note = fields.String(required=True, validate=validate.Length(min=1, max=300))


# -- what they answer -----------------------------------------------------------------------------------------
class DeadlinePreviewSchema(Schema):
    due_on = fields.Date(allow_none=True)
    internal_due_on = fields.Date(allow_none=True)
    rule = fields.Dict()
    explanation = fields.List(fields.Dict())
    warnings = fields.List(fields.String())


class CaseSchema(Schema):
    id = fields.UUID()
    application_id = fields.UUID()
    tracking_number = fields.String()
    channel = fields.String()
    type = fields.String()
    category = fields.String()
    subject = fields.String()
    neighbourhood = fields.String(allow_none=True)
    received_at = fields.DateTime()
    hide_identity = fields.Boolean()
    state = fields.String()
    state_label = fields.String()
    directorate = fields.String(allow_none=True)
    routing_rule_id = fields.Integer(allow_none=True)
    deadline_rule = fields.String()
    legal_due_on = fields.Date(allow_none=True)
    internal_due_on = fields.Date(allow_none=True)
    due_explanation = fields.Dict()
    extended = fields.Boolean()
    paused_on = fields.Date(allow_none=True, metadata={"description": "4982 ücret bildirimi: süre durdu"})
    resumed_on = fields.Date(allow_none=True)
    fee_amount = fields.String(allow_none=True)
    interim_replied_at = fields.DateTime(allow_none=True)
    answered_at = fields.DateTime(allow_none=True)
    opened_at = fields.DateTime()
    updated_at = fields.DateTime()
    allowed_actions = fields.List(fields.String())
    timeline = fields.List(fields.Dict())


class CasePageSchema(Schema):
    total = fields.Integer()
    cases = fields.List(fields.Nested(CaseSchema))


class RoutingTableSchema(Schema):
    directorates = fields.List(fields.Dict())
    rules = fields.List(fields.Dict())
    idari_izin_days = fields.List(fields.Dict())


class RuleChangeSchema(Schema):
    id = fields.Integer()
    active = fields.Boolean()


# -- the operations -------------------------------------------------------------------------------------------
def _case_action(action, schema, summary):
    """`POST /api/v1/cases/{case_id}/<action>` (RPC `<action>_case`), answering the case as it is now; audited as
    `case.<action>`. Only an answer carries files, so only it may be large."""
    camel = action.split("_")[0] + "".join(word.title() for word in action.split("_")[1:])
    return routing("POST", f"/api/v1/cases/{{case_id}}/{action}", rpc=f"{action}_case", rule="case.act",
                   args=("path.case_id", "actor", "body"), input=schema, output=CaseSchema, errors=("409",),
                   max_body=40 * 1024 * 1024 if action == "submit_answer" else DEFAULT_MAX_BODY,
                   audit=Audit(f"case.{action}", "case", "path.case_id"), summary=summary,
                   operation_id=f"{camel}Case", tag=TAG)


CASES = (
    routing("GET", "/api/v1/deadlines/preview", rpc="preview_deadline", rule=PUBLIC,
            args=("query.type", "query.received_on", "query.extended"), query=DeadlinePreviewQuerySchema,
            output=DeadlinePreviewSchema, summary="Yasal son gün önizlemesi ve gerekçesi (oturum gerekmez)",
            operation_id="previewDeadline", tag=TAG),
    routing("GET", "/api/v1/cases", rpc="list_cases", rule="case.read",
            args=("query", "actor", "query.limit", "query.offset"), query=CaseQuerySchema, output=CasePageSchema,
            summary="Dosyalar (müdürlük, durum, son gün, gecikme, kanal, mahalle; sayfalı)", operation_id="listCases",
            tag=TAG),
    routing("GET", "/api/v1/cases/{case_id}", rpc="get_case", rule="case.read", args=("path.case_id", "actor"),
            output=CaseSchema, summary="Dosya, son günlerinin gerekçesi ve geçmişi", operation_id="getCase", tag=TAG),
) + tuple(_case_action(action, schema, summary) for action, (schema, summary) in CASE_ACTION_INPUTS.items())

ROUTING = (
    routing("GET", "/api/v1/routing", rpc="routing_table", rule="routing.read", output=RoutingTableSchema,
            summary="Yönlendirme tablosu: müdürlükler, kurallar, idari izin günleri", operation_id="routingTable",
            tag=TAG),
    routing("POST", "/api/v1/routing/rules", rpc="add_routing_rule", rule="routing.manage", args=("body", "actor"),
            input=RoutingRuleSchema, output=RuleChangeSchema, status=201,
            audit=Audit("routing.rule_added", "routing_rule", "answer.id"),
            summary="Yönlendirme kuralı ekle", operation_id="addRoutingRule", tag=TAG),
    routing("DELETE", "/api/v1/routing/rules/{rule_id}", rpc="remove_routing_rule", rule="routing.manage",
            args=("path.rule_id", "actor"), params=(("rule_id", "int"),), output=RuleChangeSchema, errors=("404",),
            audit=Audit("routing.rule_removed", "routing_rule", "path.rule_id"),
            summary="Yönlendirme kuralını kaldır", operation_id="removeRoutingRule", tag=TAG),
    routing("POST", "/api/v1/routing/idari-izin", rpc="add_idari_izin_day", rule="routing.manage",
            args=("body.day", "body.note", "actor"), input=IdariIzinSchema, output=IdariIzinSchema, status=201,
            audit=Audit("routing.idari_izin_added", "day", "answer.day"),
            summary="İdari izin günü ekle (süreler işlemeye devam eder; uyarı verilir)", operation_id="addIdariIzinDay",
            tag=TAG),
)

CSV = ("text/csv",)
# the muhtar desk's quarter and the annual 4982 report count every directorate's cases: those who see all read them
WHO = " Yönetici, halkla ilişkiler masası, Başkanlık Makamı ve denetçi okur; her okuma denetim kaydına yazılır."
REPORTS = (
    routing("GET", "/api/v1/reports/muhtar", rpc="muhtar_report", rule="reports.read",
            args=("query.year", "query.quarter", "actor"), query=MuhtarReportQuerySchema, output=MuhtarReportSchema,
            audit=Audit("reports.muhtar_read", "report", "muhtar-{year}-{quarter}"),
            summary="Muhtarlar Masası çeyrek raporu: çeyrekte (İstanbul saatiyle) gelen muhtar talepleri mahalle "
                    "mahalle; talep, yapılan (olumlu, kısmen olumlu), yapılamayan (ret, görev dışı, başka kuruma "
                    "gönderilen; her biri gerekçesiyle), cevap bekleyen ve süresi geçen. Başvuru sahibinin kişisel "
                    "verisi yoktur." + WHO, operation_id="muhtarReport", tag="Raporlar"),
    routing("GET", "/api/v1/reports/bilgi-edinme", rpc="information_request_report", rule="reports.read",
            args=("query.year", "actor"), query=InformationReportQuerySchema, output=InformationReportSchema,
            audit=Audit("reports.information_read", "report", "bilgi-edinme-{year}"),
            summary="Bilgi edinme (4982) yıllık raporu, Bilgi Edinme Değerlendirme Kurulu'nun formundaki satırlarla: "
                    "yılda (İstanbul saatiyle) gelen başvurular; olumlu, kısmen olumlu, reddedilen (işleme "
                    "konulmayanlar dahil), diğer kurumlara yönlendirilen, yıl sonunda sonuçlanmamış; retlerin "
                    "maddelere dağılımı; işleme konulmayanların nedenleri. İtirazlar izlenmiyor (null)." + WHO,
            operation_id="informationRequestReport", tag="Raporlar"),
    routing("GET", "/api/v1/reports/muhtar.csv", rpc="muhtar_report_csv", rule="reports.read",
            args=("query.year", "query.quarter", "actor"), query=MuhtarReportQuerySchema, file=CSV,
            audit=Audit("reports.muhtar_export", "report", "muhtar-{query[year]}-{query[quarter]}"),
            summary="Muhtarlar Masası çeyrek raporu, Excel için CSV (UTF-8, BOM, `;`, formül olarak okunabilecek "
                    "hücreler kaçışlı): her mahalle bir satır, ardından yapılamayan her talep bir satır, en sonda "
                    "toplam." + WHO, operation_id="muhtarReportCsv", tag="Raporlar"),
    routing("GET", "/api/v1/reports/bilgi-edinme.csv", rpc="information_request_report_csv", rule="reports.read",
            args=("query.year", "actor"), query=InformationReportQuerySchema, file=CSV,
            audit=Audit("reports.information_export", "report", "bilgi-edinme-{query[year]}"),
            summary="Bilgi edinme (4982) yıllık raporu, Excel için CSV (UTF-8, BOM, `;`, formül olarak okunabilecek "
                    "hücreler kaçışlı): her satırda kalem ve sayısı." + WHO, operation_id="informationRequestReportCsv",
            tag="Raporlar"),
)

OPERATIONS = CASES + ROUTING + REPORTS
