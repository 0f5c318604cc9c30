"""What every part of the OpenAPI document shares: error answers, security, small builders."""
from marshmallow import fields

from contracts.inbound import no_control_characters, one_line

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


# What the contracts' text checks refuse, as patterns, so the document calls valid only what is accepted:
# no C0 control character but tab and line breaks in any text (`no_control_characters`), and no line
# break either in a one-line field (`one_line`)
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$"
ONE_LINE_PATTERN = r"^[^\u0000-\u0008\u000a-\u001f\u0085\u2028\u2029]*$"


def text_pattern(self, field, ret, **kwargs):
    """apispec attribute function: a text field's `pattern` from its contract checks (a field with a
    pattern or choices of its own keeps them)."""
    if not isinstance(field, fields.String) or "pattern" in ret or "enum" in ret:
        return {}
    if one_line in field.validators:
        return {"pattern": ONE_LINE_PATTERN}
    if no_control_characters in field.validators:
        return {"pattern": TEXT_PATTERN}
    return {}
