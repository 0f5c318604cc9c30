"""What every part of the OpenAPI document shares: error answers, security, small builders."""
from datetime import date

from marshmallow import fields, validate

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
# a calendar day from 1900-01-01 to 2100-12-31, the range the contracts' `day` fields take: every month's days,
# 29 February in leap years only (1900 and 2100 are not)
_MONTHS = (r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
           r"|02-(?:0[1-9]|1[0-9]|2[0-8]))")
DAY_PATTERN = (r"^(?:(?:19|20)[0-9]{2}-" + _MONTHS + r"|(?:19(?:0[48]|[2468][048]|[13579][26])|"
               r"20(?:0[048]|[2468][048]|[13579][26]))-02-29|2100-" + _MONTHS + r")$")
DAYS = (date(1900, 1, 1), date(2100, 12, 31))


def text_pattern(self, field, ret, **kwargs):
    """apispec attribute function: what a field's contract checks refuse, said in the document: a text field's
    `pattern` (one with a pattern or choices of its own keeps them), a day's range as a pattern, and a nested
    object that may be null as exactly that (apispec writes "any object, or null" beside the reference)."""
    if isinstance(field, fields.Date) and any(isinstance(check, validate.Range) and (check.min, check.max) == DAYS
                                              for check in field.validators):
        return {"pattern": DAY_PATTERN}
    if isinstance(field, fields.Nested) and field.allow_none and "anyOf" in ret:
        return {"anyOf": [*(item for item in ret["anyOf"] if "$ref" in item), {"nullable": True, "enum": [None]}]}
    if not isinstance(field, fields.String) or "pattern" in ret or "enum" in ret:
        return {}
    if one_line in field.validators:
        return {"pattern": ONE_LINE_PATTERN}
    if no_control_characters in field.validators:
        return {"pattern": TEXT_PATTERN}
    return {}
