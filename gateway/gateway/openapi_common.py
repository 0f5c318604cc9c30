"""What every part of the OpenAPI document shares: error answers, security, small builders."""

ERRORS = {
    "400": "İstek okunamadı (geçersiz JSON)",
    "401": "Kimlik doğrulanamadı (oturum, imza veya parola)",
    "403": "Yetki yok",
    "404": "Bulunamadı",
    "409": "Çakışma: kaydın şimdiki durumu bu işleme izin vermiyor ya da Idempotency-Key başka bir istekle kullanıldı",
    "413": "Gövde çok büyük",
    "415": "Gövde application/json değil",
    "422": "Doğrulama hatası (alan hataları `errors` içinde)",
    "429": "Çok fazla istek (Retry-After başlığına bakın)",
    "503": "Hizmet geçici olarak yanıt veremiyor (Retry-After)",
}
STAFF = [{"BearerAuth": []}]
SIGNED = [{"ClientId": [], "KeyId": [], "Timestamp": [], "Nonce": [], "Signature": []}]
PUBLIC = []
JSON_BODY_ERRORS = ("400", "413", "415", "422")


def problems(*codes):
    return {code: {"description": ERRORS[code],
                   "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            for code in codes}


def json_body(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def request_body(schema):
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def op(summary, operation_id, security, responses, errors, body=None, parameters=None):
    operation = {"summary": summary, "operationId": operation_id, "security": security,
                 "responses": {**responses, **problems(*sorted(set(errors)))}}
    if body:
        operation["requestBody"] = request_body(body)
    if parameters:
        operation["parameters"] = parameters
    return operation


def path_param(name, schema):
    return {"name": name, "in": "path", "required": True, "schema": schema}


def query_param(name, schema):
    return {"name": name, "in": "query", "required": False, "schema": schema}


UUID = {"type": "string", "format": "uuid"}
AUTH_ERRORS = ("401", "403", "429", "503")
