"""The OpenAPI document's part for the information bank's and protocol's hand-written routes (the declared
ones are documented from their declarations, `openapi_declared`): the export (a file with its record count
in a header) and the invitee's public reply page (HTML or JSON). Their schemas are the contract's
(`contracts.contacts_records`, `contacts_protocol`)."""
from contracts import contacts_records as records
from contracts.contacts_api import PROTOCOL_TAG, TAG
from contracts.contacts_protocol import InvitationReply, InvitationReplyInput

from .openapi_common import AUTH_ERRORS, ERRORS, PUBLIC, STAFF, UUID, op, path_param

LIST = (*AUTH_ERRORS, "422")                         # a listing with query filters
HTML = {"text/html": {"schema": {"type": "string"}}}


def _queries(schema_cls):
    """A query schema's fields as query parameters (apispec's marshmallow plugin spells them out)."""
    return [{"in": "query", "schema": schema_cls}]


def _either(description, *codes):
    """Answers of the public reply: an HTML page for a person, problem+json for a program."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {code: {"description": description or ERRORS[code], "content": {**HTML, **problem}} for code in codes}


def _tagged(tag, **operations):
    for operation in operations.values():
        operation["tags"] = [tag]
    return operations


def add_paths(spec):
    _records(spec)
    _protocol(spec)


def _records(spec):
    spec.path(path="/api/v1/contacts/export", operations=_tagged(TAG, get=op(
        "Dışa aktarma: bir listenin toplu gönderim listesi ya da süzgeçteki kayıtlar; CSV (UTF-8 BOM'lu, `;`: "
        "Excel'de Türkçe harfleriyle açılır) ya da vCard. İletişimi reddedenler hiç yer almaz", "exportContacts",
        STAFF, {"200": {"description": "Dosya", "headers": {"X-Record-Count": {
            "description": "Dosyadaki kayıt sayısı", "schema": {"type": "integer"}}}, "content": {
                kind: {"schema": {"type": "string", "format": "binary"}} for kind in ("text/csv", "text/vcard")}}},
        (*LIST, "404"), parameters=_queries(records.ExportQuery))))


def _protocol(spec):
    invitation = path_param("invitation_id", UUID)
    page = op("Davetlinin yanıt sayfası (kişisel bağlantı; oturum gerekmez). Açmak hiçbir şey kaydetmez: "
              "\"Katılacağım\" / \"Katılamayacağım\" düğmeleri aynı adrese POST eder", "invitationReplyPage", PUBLIC,
              {"200": {"description": "HTML", "content": HTML}, **_either("Bağlantı geçersiz", "404")}, ("429", "503"),
              parameters=[invitation, {"name": "token", "in": "query", "required": True,
                                       "schema": {"type": "string", "maxLength": 100}}])
    reply = op("Davetlinin yanıtı (sayfanın formu ya da JSON): ilk yanıt geçer; aynısı yeniden bir şey değiştirmez, "
               "farklısı 409; geçersiz bağlantı 404 (hangisinin yanlış olduğu söylenmez)", "replyToInvitation",
               PUBLIC, {"200": {"description": "Yanıt kaydedildi (HTML teşekkür sayfası ya da JSON)", "content": {
                   **HTML, "application/json": {"schema": InvitationReply}}},
                   **_either(None, "404", "409", "422")}, ("400", "413", "415", "429", "503"),
               parameters=[invitation])
    reply["requestBody"] = {"required": True, "content": {
        kind: {"schema": InvitationReplyInput} for kind in ("application/x-www-form-urlencoded", "application/json")}}
    spec.path(path="/api/v1/invitations/{invitation_id}/reply", operations=_tagged(PROTOCOL_TAG, get=page,
                                                                                      post=reply))
