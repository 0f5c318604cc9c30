"""The destruction log's part of the OpenAPI document (KVKK's periodic destruction)."""
from . import retention_views
from .openapi_common import AUTH_ERRORS, STAFF, json_body, op


def add_paths(spec):
    spec.components.schema("DestructionRun", schema=retention_views.DestructionRunSchema)
    spec.components.schema("DestructionRunList", schema=retention_views.DestructionRunListSchema)
    spec.path(path="/api/v1/ops/retention/runs", operations={
        "get": op("Periyodik imha kayıtları (KVKK): her çalıştırmanın zamanı, başlatanı ve saklama kuralına göre "
                  "anonimleştirilen başvuru sayıları; kişisel veri içermez. Yönetici, işletim ve denetçi okur.",
                  "destructionRuns", STAFF, {"200": json_body("DestructionRunList", "Kayıtlar")}, (*AUTH_ERRORS, "422"),
                  parameters=[{"in": "query", "schema": retention_views.RunQuerySchema}]),
        "post": op("Periyodik imhayı şimdi çalıştır (zamanlanmış çalıştırmaların dışında; en geç altı ayda bir zaten "
                   "çalışır): saklama süresi dolmuş başvuruların başvuru sahibi bilgileri geri alınamaz biçimde "
                   "anonimleştirilir. Yalnızca yönetici; başka bir çalıştırma sürerken 409.", "runDestruction", STAFF,
                   {"200": json_body("DestructionRun", "Çalıştırma kaydı")}, (*AUTH_ERRORS, "409"))})
