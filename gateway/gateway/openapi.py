"""The OpenAPI 3 document, generated from the same marshmallow schemas that validate requests.

Every route of `routes/` is described here, with its security and its error answers; a test
compares this document with the routes the gateway really serves.
"""
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from contracts.intake_api import TAG as APPLICATIONS

from . import open311, openapi_declared, openapi_press, schemas
from . import openapi_contacts, openapi_kvkk
from .openapi_common import JSON_BODY_ERRORS, PUBLIC, SIGNED, STAFF, json_body, op, text_pattern

IDENTITY, OPERATIONS = "Kimlik/Oturum", "İşletim"
# the gateway's own operations, by area (declared and other hand-written ones carry their area's tag)
GATEWAY_TAGS = (("/api/v1/auth/", IDENTITY), ("/api/v1/inbound/", APPLICATIONS), ("/api/v1/audit", OPERATIONS),
                ("/api/v1/ops/", OPERATIONS), ("/health", OPERATIONS), ("/api/docs", OPERATIONS),
                ("/api/openapi.json", OPERATIONS))


def _security_schemes(spec):
    spec.components.security_scheme("BearerAuth", {
        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
        "description": "Personel: /api/v1/auth/sign-in ile alınan erişim belirteci (15 dakika)."})
    signed = "Diğer sistemler: her istek HMAC-SHA256 ile imzalanır: METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nsha256(gövde)."
    for name, header in (("ClientId", "X-Client-Id"), ("KeyId", "X-Key-Id"), ("Timestamp", "X-Timestamp"),
                         ("Nonce", "X-Nonce"), ("Signature", "X-Signature")):
        spec.components.security_scheme(name, {"type": "apiKey", "in": "header", "name": header,
                                               "description": signed})


def build_spec():
    marshmallow = MarshmallowPlugin()
    spec = APISpec(
        title="Gaziemir Belediyesi Halkla İlişkiler Platformu API", version="1.0.0", openapi_version="3.0.3",
        plugins=[marshmallow],
        info={"description": "Başvurular, takip numarası, alındı belgesi; personel girişi; diğer sistemlerin "
                             "olayları; denetim kaydı. Hatalar application/problem+json (RFC 9457)."})
    marshmallow.converter.add_attribute_function(text_pattern)
    _security_schemes(spec)
    for name in ("Problem", "Health",
                 "SignIn", "Tokens", "Refresh", "PasswordChange", "Me", "InboundEvent", "InboundAccepted",
                 "AuditPage", "DeadLetterCounts", "DeadLetterList", "DeadLetterDetail",
                 "DeadLetterAction", "DeadLetterOutcome"):
        spec.components.schema(name, schema=getattr(schemas, f"{name}Schema"))
    # a purge names the letter or says all: true (the schema checks each field, the route the pair)
    spec.components.schema("DeadLetterPurge", {
        "allOf": [{"$ref": "#/components/schemas/DeadLetterAction"}],
        "anyOf": [{"required": ["id"]}, {"required": ["all"], "properties": {"all": {"enum": [True]}}}]})
    auth_errors = ("401", "403", "429", "503")

    spec.path(path="/api/v1/auth/sign-in", operations={"post": op(
        "Personel girişi", "signIn", PUBLIC, {"200": json_body("Tokens", "Belirteçler")},
        ("401", "429", *JSON_BODY_ERRORS), body="SignIn")})
    spec.path(path="/api/v1/auth/refresh", operations={"post": op(
        "Belirteç yenile (yenileme belirteci bir kez kullanılır)", "refreshTokens", PUBLIC,
        {"200": json_body("Tokens", "Yeni belirteçler")}, ("401", "429", *JSON_BODY_ERRORS), body="Refresh")})
    spec.path(path="/api/v1/auth/sign-out", operations={"post": op(
        "Oturumu kapat", "signOut", PUBLIC, {"204": {"description": "Kapatıldı"}}, ("429", *JSON_BODY_ERRORS),
        body="Refresh")})
    spec.path(path="/api/v1/auth/password", operations={"post": op(
        "Parola değiştir (tüm oturumlar kapanır)", "changePassword", STAFF, {"204": {"description": "Değişti"}},
        (*auth_errors, *JSON_BODY_ERRORS), body="PasswordChange")})
    spec.path(path="/api/v1/auth/me", operations={"get": op(
        "Oturumdaki personel", "me", STAFF, {"200": json_body("Me", "Personel")}, auth_errors)})
    spec.path(path="/api/v1/inbound/events", operations={"post": op(
        "Diğer sistemlerden olay (ebelediye.inbound sözleşmesi)", "postInboundEvent", SIGNED,
        {"202": json_body("InboundAccepted", "Kuyruğa alındı")}, (*auth_errors, *JSON_BODY_ERRORS),
        body="InboundEvent")})
    spec.path(path="/api/v1/audit", operations={"get": op(
        "Denetim kaydı (en yeni önce)", "auditLog", STAFF, {"200": json_body("AuditPage", "Kayıtlar")},
        (*auth_errors, "422"), parameters=[{"in": "query", "schema": schemas.AuditQuerySchema}])})
    service = {"name": "service", "in": "path", "required": True,
               "schema": {"type": "string", "enum": ["intake", "routing", "notify", "contacts", "press"]}}
    spec.path(path="/api/v1/ops/dead-letters", operations={"get": op(
        "Ölü mektuplar: her servisin kuyruğunda kaç tane var", "deadLetterCounts", STAFF,
        {"200": json_body("DeadLetterCounts", "Sayılar")}, auth_errors)})
    spec.path(path="/api/v1/ops/dead-letters/{service}", operations={"get": op(
        "Bir servisin ölü mektupları (neden, asıl kuyruk, deneme sayısı; gövde yok)", "listDeadLetters", STAFF,
        {"200": json_body("DeadLetterList", "Ölü mektuplar")}, (*auth_errors, "404", "422"), parameters=[
            service, {"name": "limit", "in": "query", "required": False,
                      "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}])})
    spec.path(path="/api/v1/ops/dead-letters/{service}/{letter_id}", operations={"get": op(
        "Bir ölü mektup: başlıklar ve gövde (kişisel veri içerebilir; denetim kaydına yazılır)", "showDeadLetter",
        STAFF, {"200": json_body("DeadLetterDetail", "Ölü mektup")}, (*auth_errors, "404"), parameters=[
            service, {"name": "letter_id", "in": "path", "required": True,
                      "schema": {"type": "string", "maxLength": 100}}])})
    spec.path(path="/api/v1/ops/dead-letters/{service}/replay", operations={"post": op(
        "Ölü mektubu (id) ya da hepsini asıl kuyruğuna geri gönder; bir kez işlenir", "replayDeadLetters", STAFF,
        {"200": json_body("DeadLetterOutcome", "Gönderilen sayısı")}, (*auth_errors, "404", *JSON_BODY_ERRORS),
        body="DeadLetterAction", parameters=[service])})
    spec.path(path="/api/v1/ops/dead-letters/{service}/purge", operations={"post": op(
        "Ölü mektubu (id) ya da hepsini (all: true) sil", "purgeDeadLetters", STAFF,
        {"200": json_body("DeadLetterOutcome", "Silinen sayısı")}, (*auth_errors, "404", *JSON_BODY_ERRORS),
        body="DeadLetterPurge", parameters=[service])})
    open311.add_paths(spec)
    openapi_declared.add_paths(spec)
    openapi_press.add_paths(spec)
    openapi_contacts.add_paths(spec)
    openapi_kvkk.add_paths(spec)
    spec.path(path="/api/openapi.json", operations={"get": op(
        "Bu belge", "openapi", PUBLIC, {"200": {"description": "OpenAPI 3", "content": {"application/json": {}}}},
        ())})
    spec.path(path="/api/docs", operations={"get": op(
        "API belgeleri sayfası", "docs", PUBLIC, {"200": {"description": "HTML", "content": {"text/html": {}}}}, ())})
    spec.path(path="/health", operations={"get": op(
        "Hazır olma durumu", "health", PUBLIC,
        {"200": json_body("Health", "Hazır"), "503": json_body("Health", "Hazır değil")}, ())})
    spec.path(path="/health/live", operations={"get": op(
        "Canlılık", "liveness", PUBLIC, {"200": json_body("Health", "Canlı")}, ())})
    for tag in (IDENTITY, OPERATIONS):
        spec.tag({"name": tag})
    document = spec.to_dict()
    for path, operations in document["paths"].items():
        tag = next((tag for prefix, tag in GATEWAY_TAGS if path.startswith(prefix)), None)
        for operation in operations.values():
            if tag and "tags" not in operation:
                operation["tags"] = [tag]
    return document
