"""The OpenAPI 3 document, generated from the same marshmallow schemas that validate requests."""
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from contracts.inbound import ApplicationSubmissionSchema

from . import schemas

ERRORS = {
    "400": "İstek okunamadı (geçersiz JSON)",
    "401": "Kimlik doğrulanamadı",
    "403": "Yetki yok",
    "404": "Bulunamadı",
    "409": "Idempotency-Key çakışması",
    "413": "Gövde çok büyük",
    "415": "Gövde application/json değil",
    "422": "Doğrulama hatası (alan hataları `errors` içinde)",
    "503": "Hizmet geçici olarak yanıt veremiyor",
}


def _problems(*codes):
    return {code: {"description": ERRORS[code],
                   "content": {"application/problem+json": {"schema": "Problem"}}} for code in codes}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_spec():
    spec = APISpec(
        title="Gaziemir Belediyesi Halkla İlişkiler Platformu API", version="1.0.0", openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Başvurular, takip numarası ve alındı belgesi. Hatalar application/problem+json."})
    spec.components.security_scheme("ApiKey", {"type": "apiKey", "in": "header", "name": "X-API-Key"})
    spec.components.schema("ApplicationSubmission", schema=ApplicationSubmissionSchema)
    for name in ("ApplicationCreated", "ApplicationDetail", "StatusLookup", "ApplicantStatus", "Problem", "Health"):
        spec.components.schema(name, schema=getattr(schemas, f"{name}Schema"))
    secured = [{"ApiKey": []}]
    app_id = {"name": "application_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
    spec.path(path="/api/v1/applications", operations={"post": {
        "summary": "Başvuru al", "operationId": "submitApplication", "security": secured,
        "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False,
                        "schema": {"type": "string", "maxLength": 200}}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "ApplicationSubmission"}}},
        "responses": {"201": _json("ApplicationCreated", "Başvuru kaydedildi"),
                      "200": _json("ApplicationCreated", "Aynı başvuru daha önce kaydedilmiş: ilk sonuç"),
                      **_problems("400", "401", "403", "409", "413", "415", "422", "503")}}})
    spec.path(path="/api/v1/applications/{application_id}", operations={"get": {
        "summary": "Başvuruyu göster", "operationId": "getApplication", "security": secured,
        "parameters": [app_id],
        "responses": {"200": _json("ApplicationDetail", "Başvuru"), **_problems("401", "403", "404", "503")}}})
    spec.path(path="/api/v1/applications/{application_id}/receipt.pdf", operations={"get": {
        "summary": "Alındı belgesi (PDF)", "operationId": "getReceipt", "security": secured, "parameters": [app_id],
        "responses": {"200": {"description": "PDF", "content": {"application/pdf": {
            "schema": {"type": "string", "format": "binary"}}}}, **_problems("401", "403", "404", "503")}}})
    spec.path(path="/api/v1/applications/status-lookup", operations={"post": {
        "summary": "Başvuru sahibinin durum sorgusu (takip numarası ve gizli kod)", "operationId": "lookupStatus",
        "security": [],
        "requestBody": {"required": True, "content": {"application/json": {"schema": "StatusLookup"}}},
        "responses": {"200": _json("ApplicantStatus", "Durum"), **_problems("400", "404", "415", "422", "503")}}})
    spec.path(path="/health", operations={"get": {
        "summary": "Hazır olma durumu", "operationId": "health", "security": [],
        "responses": {"200": _json("Health", "Hazır"), "503": _json("Health", "Hazır değil")}}})
    return spec.to_dict()
