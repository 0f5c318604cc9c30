"""The information bank's and protocol's part of the OpenAPI document: records, upkeep, duplicates, imports
and exports, segments, the precedence list, events with their invitations, seating and printouts, and the
invitee's public reply page."""
from . import contacts_schemas as requests, contacts_views as answers, protocol_views as protocol
from .openapi_common import (AUTH_ERRORS, ERRORS, JSON_BODY_ERRORS, PUBLIC, STAFF, UUID, json_body, op,
                             path_param)

# component name -> schema class; nested shapes first, so the ones that hold them refer to them
REQUESTS = {
    "ContactConsentInput": requests.ConsentSchema, "ContactRoleInput": requests.RoleSchema,
    "ContactInput": requests.ContactSchema, "ContactChanges": requests.ContactChangesSchema,
    "ContactRoleEnd": requests.RoleEndSchema, "ContactVerified": requests.VerifiedSchema,
    "ContactOptOut": requests.OptOutSchema, "ContactReverification": requests.ReverificationSchema,
    "ContactMerge": requests.MergeSchema, "DuplicateDismissalInput": requests.DuplicateDismissalSchema,
    "ContactImportInput": requests.ImportSchema,
    "PrecedenceInput": requests.PrecedenceSchema, "EventInput": requests.EventSchema,
    "InvitationsInput": requests.InviteSchema, "InvitationReplyRecord": requests.ReplySchema,
    "InvitationReplyInput": requests.InvitationReplySchema, "CheckInInput": requests.CheckInSchema,
}
ANSWERS = {
    "ContactRole": answers.RoleSchema, "ContactConsent": answers.ConsentSchema, "Contact": answers.ContactSchema,
    "ContactHeldRole": answers.HeldRoleSchema, "ContactSummary": answers.ContactSummarySchema,
    "ContactPage": answers.ContactPageSchema, "StaleContact": answers.StaleContactSchema,
    "StaleContactPage": answers.StalePageSchema, "ReverificationStarted": answers.ReverificationStartedSchema,
    "DuplicateCandidate": answers.DuplicateCandidateSchema, "DuplicateList": answers.DuplicateListSchema,
    "DuplicateDismissal": answers.DismissalSchema, "MergedField": answers.MovedSchema,
    "ContactsMerged": answers.MergedSchema,
    "ContactImportRowErrors": answers.ImportErrorSchema, "ContactImport": answers.ImportSchema,
    "PrecedenceSet": protocol.PrecedenceSetSchema,
    "InvitationSkipped": protocol.SkippedSchema, "InvitationsSent": protocol.InvitedSchema,
    "InvitationReply": protocol.ReplyShownSchema, "CheckedIn": protocol.CheckedInSchema,
}
READ = (*AUTH_ERRORS, "404")                         # an object by its id
LIST = (*AUTH_ERRORS, "422")                         # a listing with query filters
WRITE = (*AUTH_ERRORS, *JSON_BODY_ERRORS)            # a new object from a JSON body
CHANGE = (*WRITE, "404", "409")                      # a change to an object, with a JSON body
PDF = {"description": "PDF", "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
HTML = {"text/html": {"schema": {"type": "string"}}}


def _queries(schema_cls):
    """A query schema's fields as query parameters (apispec's marshmallow plugin spells them out)."""
    return [{"in": "query", "schema": schema_cls}]


def _either(description, *codes):
    """Answers of the public reply: an HTML page for a person, problem+json for a program."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {code: {"description": description or ERRORS[code], "content": {**HTML, **problem}} for code in codes}


def add_paths(spec):
    for name, schema in {**REQUESTS, **ANSWERS}.items():
        spec.components.schema(name, schema=schema)
    _records(spec)
    _protocol(spec)
    _public(spec)


def _records(spec):
    contact = path_param("contact_id", UUID)
    spec.path(path="/api/v1/contacts", operations={
        "post": op("Bilgi bankasına kayıt (kişi ya da kurum); aynı olabilecek kayıtların kimlikleriyle döner",
                   "createContact", STAFF, {"201": json_body("Contact", "Kayıt")}, WRITE, body="ContactInput"),
        "get": op("Kayıt arama: Türkçe harflere duyarsız, yazım hatasına dayanıklı (\"isik\" Işık'ı bulur); telefon "
                  "ya da e-posta tam eşleşir; kategori, etiket, mahalle, makam, kurum süzgeçleri; sayfalı",
                  "searchContacts", STAFF, {"200": json_body("ContactPage", "En uygun önce")}, LIST,
                  parameters=_queries(requests.ContactQuerySchema))})
    spec.path(path="/api/v1/contacts/{contact_id}", operations={
        "get": op("Kayıt: tüm telefon, e-posta, adresleri ve görev geçmişi (biten görevler dahil)", "getContact",
                  STAFF, {"200": json_body("Contact", "Kayıt")}, READ, parameters=[contact]),
        "patch": op("Kaydın verilen alanlarını değiştir (görevler ve KVKK reddi kendi adreslerinden)",
                    "updateContact", STAFF, {"200": json_body("Contact", "Kayıt")}, CHANGE, body="ContactChanges",
                    parameters=[contact])})
    spec.path(path="/api/v1/contacts/{contact_id}/roles", operations={"post": op(
        "Yeni görev (seçim, atama); önceki görevler geçmişte kalır", "addContactRole", STAFF,
        {"201": json_body("Contact", "Kaydın yeni hâli")}, CHANGE, body="ContactRoleInput", parameters=[contact])})
    end = op("Görevi sona erdir (tarih yoksa bugün); görev geçmişte kalır; zaten bittiyse 409", "endContactRole",
             STAFF, {"200": json_body("Contact", "Kaydın yeni hâli")}, CHANGE, body="ContactRoleEnd",
             parameters=[contact, path_param("role_id", {"type": "integer", "minimum": 1, "maximum": 2147483647})])
    end["requestBody"]["required"] = False
    spec.path(path="/api/v1/contacts/{contact_id}/roles/{role_id}/end", operations={"post": end})
    for action, summary, body, operation_id in (
            ("verified", "Kayıt sahibiyle doğrulandı: güncelleme kuyruğundan çıkar", "ContactVerified",
             "markContactVerified"),
            ("opt-out", "KVKK: kişi iletişimi reddetti; toplu listelere, davetlere ve dışa aktarmaya bir daha "
                        "girmez", "ContactOptOut", "optContactOut")):
        operation = op(summary, operation_id, STAFF, {"200": json_body("Contact", "Kayıt")}, CHANGE, body=body,
                       parameters=[contact])
        operation["requestBody"]["required"] = False
        spec.path(path=f"/api/v1/contacts/{{contact_id}}/{action}", operations={"post": operation})
    spec.path(path="/api/v1/contacts/stale", operations={"get": op(
        "Güncelleme kuyruğu: kampanyayla işaretlenenler, hiç doğrulanmamışlar, uzun süredir doğrulanmamışlar",
        "staleContacts", STAFF, {"200": json_body("StaleContactPage", "Kayıtlar")}, LIST,
        parameters=_queries(requests.StaleQuerySchema))})
    spec.path(path="/api/v1/contacts/reverification", operations={"post": op(
        "Yeniden doğrulama kampanyası (ör. seçimden sonra tüm muhtarlar)", "startReverification", STAFF,
        {"200": json_body("ReverificationStarted", "İşaretlenen kayıt sayısı")}, WRITE,
        body="ContactReverification")})
    spec.path(path="/api/v1/contacts/duplicates", operations={"get": op(
        "Aynı kişi ya da kurum olabilecek kayıt çiftleri (aynı telefon, e-posta, ad; benzer ad)",
        "duplicateContacts", STAFF, {"200": json_body("DuplicateList", "Çiftler, en olası önce")}, LIST,
        parameters=_queries(requests.DuplicateQuerySchema))})
    spec.path(path="/api/v1/contacts/duplicates/dismissals", operations={"post": op(
        "İki kayıt aynı kişi ya da kurum değil (ör. farklı mahallelerde iki Mehmet Yılmaz): çift bir daha önerilmez; "
        "kayıtların başka kayıtlarla çiftleri önerilmeye devam eder; yeniden gönderilirse bir şey değişmez",
        "dismissDuplicate", STAFF, {"200": json_body("DuplicateDismissal", "Ayrı sayılan çift")},
        (*WRITE, "404", "409"), body="DuplicateDismissalInput")})
    spec.path(path="/api/v1/contacts/merge", operations={"post": op(
        "İki kaydı birleştir: görevler, telefonlar, liste üyelikleri ve davetler kalan kayda geçer", "mergeContacts",
        STAFF, {"200": json_body("ContactsMerged", "Kalan kayıt ve ona geçenler")}, (*WRITE, "404", "409"),
        body="ContactMerge")})
    spec.path(path="/api/v1/contacts/imports", operations={"post": op(
        "İçe aktarma (Excel'in yazdığı CSV ya da vCard, base64, en çok 20 MB): hemen 202 ve içe aktarmanın "
        "kimliği; dry_run hiçbir şey yazmaz; aynı dosya yeniden yeni kayıt açmaz", "importContacts", STAFF,
        {"202": {**json_body("ContactImport", "Başladı"), "headers": {"Location": {
            "description": "İlerlemenin okunacağı adres", "schema": {"type": "string"}}}}},
        WRITE, body="ContactImportInput")})
    spec.path(path="/api/v1/contacts/imports/{import_id}", operations={"get": op(
        "İçe aktarmanın ilerlemesi (işlenen / toplam satır), sayıları ve satır hataları", "contactImportStatus",
        STAFF, {"200": json_body("ContactImport", "Durum")}, READ, parameters=[path_param("import_id", UUID)])})
    spec.path(path="/api/v1/contacts/export", operations={"get": op(
        "Dışa aktarma: bir listenin toplu gönderim listesi ya da süzgeçteki kayıtlar; CSV (UTF-8 BOM'lu, `;`: "
        "Excel'de Türkçe harfleriyle açılır) ya da vCard. İletişimi reddedenler hiç yer almaz", "exportContacts",
        STAFF, {"200": {"description": "Dosya", "headers": {"X-Record-Count": {
            "description": "Dosyadaki kayıt sayısı", "schema": {"type": "integer"}}}, "content": {
                kind: {"schema": {"type": "string", "format": "binary"}} for kind in ("text/csv", "text/vcard")}}},
        (*LIST, "404"), parameters=_queries(requests.ExportQuerySchema))})


def _protocol(spec):
    event = path_param("event_id", UUID)
    spec.path(path="/api/v1/protocol/precedence/{office}", operations={"put": op(
        "Makamı bir sıraya koy (yeni ya da taşınan); o sıradan sonrakiler bir aşağı kayar", "setPrecedence", STAFF,
        {"200": json_body("PrecedenceSet", "Yeni liste")}, WRITE, body="PrecedenceInput", parameters=[path_param(
            "office", {"type": "string", "pattern": requests.OFFICE_CODE, "example": "ilce_muftusu"})])})
    spec.path(path="/api/v1/events", operations={
        "post": op("Etkinlik (tören, açılış, basın toplantısı…) ve salon düzeni; basın servisi yalnızca basın "
                   "toplantısı açar", "createEvent", STAFF, {"201": json_body("ProtocolEvent", "Etkinlik")}, WRITE,
                   body="EventInput")})
    spec.path(path="/api/v1/events/{event_id}/invitations", operations={"post": op(
        "Kişileri ve listeleri davet et: herkese bir kez, kişisel yanıt bağlantısıyla (notify gönderir); "
        "iletişimi reddedenler gerekçesiyle atlanır", "inviteToEvent", STAFF,
        {"200": json_body("InvitationsSent", "Davet edilenler")}, CHANGE, body="InvitationsInput",
        parameters=[event])})
    spec.path(path="/api/v1/events/{event_id}/invitations/{invitation_id}/reply", operations={"post": op(
        "Telefonla ya da yüz yüze verilen yanıtı protokol birimi kaydeder (değiştirebilir)", "recordInvitationReply",
        STAFF, {"200": json_body("InvitationReply", "Davet")}, CHANGE, body="InvitationReplyRecord",
        parameters=[event, path_param("invitation_id", UUID)])})
    spec.path(path="/api/v1/events/{event_id}/check-ins", operations={"post": op(
        "Kapıda giriş: davetli geldi (ilk geliş saati kalır)", "checkInGuest", STAFF,
        {"200": json_body("CheckedIn", "Giriş")}, CHANGE, body="CheckInInput", parameters=[event])})
    spec.path(path="/api/v1/events/{event_id}/name-cards.pdf", operations={"get": op(
        "İsimlikler (PDF), en kıdemli önce", "nameCardsPdf", STAFF, {"200": PDF}, READ, parameters=[event])})
    spec.path(path="/api/v1/events/{event_id}/seating-plan.pdf", operations={"get": op(
        "Basılı oturma planı (PDF), ön sıra üstte", "seatingPlanPdf", STAFF, {"200": PDF}, READ, parameters=[event])})


def _public(spec):
    invitation = path_param("invitation_id", UUID)
    page = op("Davetlinin yanıt sayfası (kişisel bağlantı; oturum gerekmez). Açmak hiçbir şey kaydetmez: "
              "\"Katılacağım\" / \"Katılamayacağım\" düğmeleri aynı adrese POST eder", "invitationReplyPage", PUBLIC,
              {"200": {"description": "HTML", "content": HTML}, **_either("Bağlantı geçersiz", "404")}, ("429", "503"),
              parameters=[invitation, {"name": "token", "in": "query", "required": True,
                                       "schema": {"type": "string", "maxLength": 100}}])
    reply = op("Davetlinin yanıtı (sayfanın formu ya da JSON): ilk yanıt geçer; aynısı yeniden bir şey değiştirmez, "
               "farklısı 409; geçersiz bağlantı 404 (hangisinin yanlış olduğu söylenmez)", "replyToInvitation",
               PUBLIC, {"200": {"description": "Yanıt kaydedildi (HTML teşekkür sayfası ya da JSON)", "content": {
                   **HTML, "application/json": {"schema": {"$ref": "#/components/schemas/InvitationReply"}}}},
                   **_either(None, "404", "409", "422")}, ("400", "413", "415", "429", "503"),
               parameters=[invitation])
    reply["requestBody"] = {"required": True, "content": {
        kind: {"schema": {"$ref": "#/components/schemas/InvitationReplyInput"}}
        for kind in ("application/x-www-form-urlencoded", "application/json")}}
    spec.path(path="/api/v1/invitations/{invitation_id}/reply", operations={"get": page, "post": reply})
