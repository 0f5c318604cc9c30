"""The press service's part of the OpenAPI document: journalists' requests, the press office's sources,
clippings, board and digest, releases and registers, press conferences' materials, and what the public
reads (the releases feed, the issues sent out)."""
from . import press_schemas, press_views
from .openapi_common import AUTH_ERRORS, JSON_BODY_ERRORS, PUBLIC, STAFF, UUID, json_body, op, path_param

# component name -> schema class; nested shapes first, so the ones that hold them refer to them
REQUESTS = {
    "PressSourceInput": press_schemas.SourceSchema, "PressScanUpload": press_schemas.ScanUploadSchema,
    "PressClippingInput": press_schemas.ClippingSchema, "PressTone": press_schemas.ToneSchema,
    "PressClassification": press_schemas.ClassificationSchema, "PressFlag": press_schemas.FlagSchema,
    "PressReleaseInput": press_schemas.ReleaseSchema, "PressReleaseEdit": press_schemas.ReleaseEditSchema,
    "PressPhotoUpload": press_schemas.PhotoUploadSchema, "PressApproval": press_schemas.ApprovalSchema,
    "PressReturn": press_schemas.ReturnSchema, "PressPublicationInput": press_schemas.PublicationSchema,
    "PressPdfUpload": press_schemas.PdfUploadSchema, "PressIssueInput": press_schemas.IssueSchema,
    "PressDistribution": press_schemas.DistributionSchema, "PressSubscriptionInput": press_schemas.SubscriptionSchema,
    "PressProductionInput": press_schemas.ProductionSchema,
    "PressProductionStatus": press_schemas.ProductionStatusSchema,
    "PressMaterialFile": press_schemas.MaterialFileSchema,
    "PressConferenceMaterialInput": press_schemas.ConferenceMaterialSchema,
    "PressConferenceShareInput": press_schemas.ConferenceShareSchema,
}
ANSWERS = {
    "PressSource": press_views.SourceSchema, "PressSourceList": press_views.SourceListSchema,
    "PressToneEvidence": press_views.ToneEvidenceSchema, "PressToneSuggestion": press_views.ToneSuggestionSchema,
    "PressClipping": press_views.ClippingSchema, "PressClippingPage": press_views.ClippingPageSchema,
    "PressBoardItem": press_views.BoardItemSchema, "PressBoard": press_views.BoardSchema,
    "PressDigest": press_views.DigestSchema, "PressPhoto": press_views.PhotoSchema,
    "PressReleaseVersion": press_views.VersionSchema, "PressReleaseComment": press_views.CommentSchema,
    "PressRecipient": press_views.RecipientSchema, "PressReleaseSummary": press_views.ReleaseSummarySchema,
    "PressRelease": press_views.ReleaseSchema, "PressReleasePage": press_views.ReleasePageSchema,
    "PressPhotoAdded": press_views.PhotoAddedSchema, "PressIssueDistribution": press_views.IssueDistributionSchema,
    "PressIssue": press_views.IssueSchema, "PressIssueDistributed": press_views.IssueDistributedSchema,
    "PressPublication": press_views.PublicationSchema, "PressPublicationList": press_views.PublicationListSchema,
    "PressSubscription": press_views.SubscriptionSchema, "PressSubscriptionList": press_views.SubscriptionListSchema,
    "PressProduction": press_views.ProductionSchema, "PressProductionList": press_views.ProductionListSchema,
    "PressConferenceEvent": press_views.ConferenceEventSchema,
    "PressConferenceMaterial": press_views.ConferenceMaterialSchema,
    "PressConferenceMaterialList": press_views.ConferenceMaterialListSchema,
    "PressConferenceShare": press_views.ConferenceShareSchema,
    "PressConferenceMaterials": press_views.ConferenceMaterialsSchema,
}
READ = (*AUTH_ERRORS, "404")                  # an object by its id
LIST = (*AUTH_ERRORS, "422")                  # a listing with query filters
WRITE = (*AUTH_ERRORS, *JSON_BODY_ERRORS)     # a new object from a JSON body
CHANGE = (*WRITE, "404")                      # a change to an object, with a JSON body
MOVE = (*AUTH_ERRORS, "404", "409")           # a release's step, without a body
PUBLIC_ERRORS = ("429", "503")
FILE_TYPES = ("image/jpeg", "image/png", "video/mp4", "application/pdf")


def _binary(description, types):
    return {"description": description,
            "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in types}}


def _id(name):
    return path_param(name, UUID)


def _queries(schema_cls):
    """A query schema's fields as query parameters (apispec's marshmallow plugin spells them out)."""
    return [{"in": "query", "schema": schema_cls}]


def add_paths(spec):
    for name in ("PressRequest", "PressRequestCreated"):
        spec.components.schema(name, schema=getattr(press_schemas, f"{name}Schema"))
    for name, schema in {**REQUESTS, **ANSWERS}.items():
        spec.components.schema(name, schema=schema)
    spec.path(path="/api/v1/press/requests", operations={"post": op(
        "Gazetecinin bilgi ya da röportaj talebi: ilgili müdürlüğe yönlendirilir, cevabı Başkanlık Makamı "
        "onayladıktan sonra gazeteciye gider", "submitPressRequest", STAFF,
        {"201": json_body("PressRequestCreated", "Alındı"),
         "200": json_body("PressRequestCreated", "Aynı talep daha önce alınmış: ilk sonuç")},
        (*AUTH_ERRORS, "409", *JSON_BODY_ERRORS), body="PressRequest",
        parameters=[{"name": "Idempotency-Key", "in": "header", "required": False,
                     "schema": {"type": "string", "maxLength": 200}}])})
    _coverage(spec)
    _releases(spec)
    _office(spec)
    _conferences(spec)


def _coverage(spec):
    source, clipping = _id("source_id"), _id("clipping_id")
    spec.path(path="/api/v1/press/sources", operations={
        "post": op("Haber kaynağı (RSS/Atom) ekle; aynı adres yeniden eklenirse var olan kaynak döner",
                   "addPressSource", STAFF, {"201": json_body("PressSource", "Kaynak")}, WRITE,
                   body="PressSourceInput"),
        "get": op("Haber kaynakları: okuma takvimi, ETag, art arda hata, son sonuç", "listPressSources", STAFF,
                  {"200": json_body("PressSourceList", "Kaynaklar")}, AUTH_ERRORS)})
    for action, verb in (("activate", "yeniden okunmaya başlar"), ("deactivate", "okunmaz")):
        spec.path(path=f"/api/v1/press/sources/{{source_id}}/{action}", operations={"post": op(
            f"Kaynak {verb}", f"{action}PressSource", STAFF, {"200": json_body("PressSource", "Kaynak")}, READ,
            parameters=[source])})
    spec.path(path="/api/v1/press/clippings", operations={
        "post": op("Basılı, TV ya da radyo kupürü ekle (taraması base64, en çok 20 MB); ton önerisiyle döner",
                   "addPressClipping", STAFF, {"201": json_body("PressClipping", "Kupür")}, WRITE,
                   body="PressClippingInput"),
        "get": op("Kupürler (en yeni önce; tarih, yayın, ton, konu, müdürlük, önemli, tür süzgeçleri; sayfalı)",
                  "listPressClippings", STAFF, {"200": json_body("PressClippingPage", "Kupürler")}, LIST,
                  parameters=_queries(press_schemas.ClippingQuerySchema))})
    spec.path(path="/api/v1/press/clippings/search", operations={"get": op(
        "Kupürlerde Türkçe tam metin arama (en uygun önce) ve süzgeçler", "searchPressClippings", STAFF,
        {"200": json_body("PressClippingPage", "Bulunanlar")}, LIST,
        parameters=_queries(press_schemas.ClippingSearchSchema))})
    spec.path(path="/api/v1/press/clippings/{clipping_id}", operations={"get": op(
        "Kupür, ton önerisi ve öneriye yol açan kelimeler", "getPressClipping", STAFF,
        {"200": json_body("PressClipping", "Kupür")}, READ, parameters=[clipping])})
    spec.path(path="/api/v1/press/clippings/{clipping_id}/scan", operations={"get": op(
        "Kupürün taraması (yoksa 404)", "getPressClippingScan", STAFF,
        {"200": _binary("Tarama", ("image/jpeg", "image/png", "application/pdf"))}, READ, parameters=[clipping])})
    spec.path(path="/api/v1/press/clippings/{clipping_id}/tone", operations={"put": op(
        "Kupürün tonu (basın görevlisinin kararı; öneri yanında kalır)", "setPressClippingTone", STAFF,
        {"200": json_body("PressClipping", "Kupür")}, CHANGE, body="PressTone", parameters=[clipping])})
    spec.path(path="/api/v1/press/clippings/{clipping_id}/classify", operations={"post": op(
        "Kupürün konusu ve yeni uygulama işareti", "classifyPressClipping", STAFF,
        {"200": json_body("PressClipping", "Kupür")}, CHANGE, body="PressClassification", parameters=[clipping])})
    spec.path(path="/api/v1/press/clippings/{clipping_id}/flag", operations={"post": op(
        "Önemli olarak işaretle: basın panosuna çıkar, adı geçen müdürlüklere bir kez bildirilir",
        "flagPressClipping", STAFF, {"200": json_body("PressClipping", "Kupür")}, CHANGE, body="PressFlag",
        parameters=[clipping])})
    spec.components.security_scheme("ScreenKey", {
        "type": "http", "scheme": "Screen",
        "description": "Duvar ekranı: `gateway-admin create-screen` ile verilen anahtar (Authorization: Screen "
                       "<anahtar>); yalnızca basın panosunu okur."})
    spec.path(path="/api/v1/press/board", operations={"get": op(
        "Basın panosu: bugünün önemli haberleri, tonlarıyla (tüm personel ve duvar ekranları)", "pressBoard",
        [*STAFF, {"ScreenKey": []}],
        {"200": json_body("PressBoard", "Pano")}, LIST, parameters=_queries(press_schemas.BoardQuerySchema))})
    spec.path(path="/press/board", operations={"get": op(
        "Basın panosu duvar ekranı sayfası (her dakika yenilenir). Sayfa haber içermez; haberleri ekranın "
        "anahtarıyla (/press/board#ekran=<anahtar>) ya da ekranda yapılan personel girişiyle "
        "/api/v1/press/board'dan okur", "pressBoardPage", PUBLIC,
        {"200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}},
        PUBLIC_ERRORS)})
    day = path_param("day", {"type": "string", "format": "date", "example": "2026-11-25"})
    spec.path(path="/api/v1/press/digests/{day}", operations={"get": op(
        "Günün basın özeti (Başkanlık Makamı'na gönderilen; gönderilmemiş gün için şimdiki hâli)",
        "pressDigest", STAFF, {"200": json_body("PressDigest", "Basın özeti")}, LIST, parameters=[day])})
    spec.path(path="/api/v1/press/digests/{day}.pdf", operations={"get": op(
        "Günün basın özeti (PDF)", "pressDigestPdf", STAFF, {"200": _binary("PDF", ("application/pdf",))}, LIST,
        parameters=[day])})


def _releases(spec):
    release, photo = _id("release_id"), _id("photo_id")
    spec.path(path="/api/v1/press/releases", operations={
        "post": op("Basın bülteni taslağı (ambargo, medya listesi: contacts segmenti)", "createPressRelease", STAFF,
                   {"201": json_body("PressRelease", "Taslak")}, WRITE, body="PressReleaseInput"),
        "get": op("Basın bültenleri (en yeni önce; duruma göre; sayfalı)", "listPressReleases", STAFF,
                  {"200": json_body("PressReleasePage", "Bültenler")}, LIST,
                  parameters=_queries(press_schemas.ReleaseQuerySchema))})
    spec.path(path="/api/v1/press/releases/{release_id}", operations={
        "get": op("Bülten: fotoğrafları, sürümleri, Makam'ın notları, izin verilen işlemler, gittiği kişiler",
                  "getPressRelease", STAFF, {"200": json_body("PressRelease", "Bülten")}, READ, parameters=[release]),
        "put": op("Taslağın ya da iade edilenin yeni sürümü (başka durumda 409)", "editPressRelease", STAFF,
                  {"200": json_body("PressRelease", "Bülten")}, (*CHANGE, "409"), body="PressReleaseEdit",
                  parameters=[release])})
    spec.path(path="/api/v1/press/releases/{release_id}/photos", operations={"post": op(
        "Bültene fotoğraf ya da kısa video (JPEG, PNG, MP4; en çok 20 MB, base64)", "addPressReleasePhoto", STAFF,
        {"201": json_body("PressPhotoAdded", "Eklendi")}, (*CHANGE, "409"), body="PressPhotoUpload",
        parameters=[release])})
    spec.path(path="/api/v1/press/releases/{release_id}/photos/{photo_id}", operations={
        "get": op("Bültenin fotoğrafı (her durumda; personel)", "getPressReleasePhoto", STAFF,
                  {"200": _binary("Fotoğraf", ("image/jpeg", "image/png", "video/mp4"))}, READ,
                  parameters=[release, photo]),
        "delete": op("Fotoğrafı kaldır (taslak ya da iade edilen bültenden)", "removePressReleasePhoto", STAFF,
                     {"200": json_body("PressRelease", "Bülten")}, MOVE, parameters=[release, photo])})
    steps = (("submit", "Başkanlık Makamı onayına gönder", None, MOVE),
             ("withdraw", "Onaydan geri çek (taslağa döner)", None, MOVE),
             ("approve", "Makam onayı: ambargo geçince medyaya ve bülten akışına gider", "PressApproval",
              (*MOVE, *JSON_BODY_ERRORS)),
             ("return", "Makam iadesi: ne düzeltileceği yazılır", "PressReturn", (*MOVE, *JSON_BODY_ERRORS)))
    for action, summary, body, errors in steps:
        operation = op(summary, f"{action}PressRelease", STAFF, {"200": json_body("PressRelease", "Bülten")}, errors,
                       body=body, parameters=[release])
        if action == "approve":
            operation["requestBody"]["required"] = False
        spec.path(path=f"/api/v1/press/releases/{{release_id}}/{action}", operations={"post": operation})
    spec.path(path="/press/releases.rss", operations={"get": op(
        "Yayımlanan basın bültenleri (RSS 2.0; fotoğraflar enclosure ve media:content)", "pressReleasesRss", PUBLIC,
        {"200": {"description": "RSS", "content": {"application/rss+xml": {"schema": {"type": "string"}}}}},
        PUBLIC_ERRORS)})
    spec.path(path="/api/v1/press/photos/{photo_id}", operations={"get": op(
        "Yayımlanmış bültenin fotoğrafı (bülten akışının bağlantısı; yayımlanmamış bültenin fotoğrafı 404)",
        "publicPressPhoto", PUBLIC, {"200": _binary("Fotoğraf", ("image/jpeg", "image/png", "video/mp4"))},
        (*PUBLIC_ERRORS, "404"), parameters=[photo])})


def _office(spec):
    publication, subscription, production = _id("publication_id"), _id("subscription_id"), _id("production_id")
    issue = _id("issue_id")
    spec.path(path="/api/v1/press/publications", operations={
        "post": op("Belediyenin yayını (dergi, gazete, bülten)", "addPressPublication", STAFF,
                   {"201": json_body("PressPublication", "Yayın")}, WRITE, body="PressPublicationInput"),
        "get": op("Belediyenin yayınları, sayıları ve dağıtım listeleri", "listPressPublications", STAFF,
                  {"200": json_body("PressPublicationList", "Yayınlar")}, AUTH_ERRORS)})
    spec.path(path="/api/v1/press/publications/{publication_id}/issues", operations={"post": op(
        "Yeni sayı (PDF'i base64, en çok 50 MB)", "addPressIssue", STAFF, {"201": json_body("PressIssue", "Sayı")},
        CHANGE, body="PressIssueInput", parameters=[publication])})
    spec.path(path="/api/v1/press/publications/{publication_id}/distribution", operations={"put": op(
        "Yayının dağıtıldığı contacts segmentleri (liste yenilenir)", "setPressDistribution", STAFF,
        {"200": json_body("PressPublication", "Yayın")}, CHANGE, body="PressDistribution",
        parameters=[publication])})
    spec.path(path="/api/v1/press/publications/{publication_id}/distribution-list.csv", operations={"get": op(
        "Yayının bugünkü dağıtım listesi (ad, kurum, adres, e-posta, telefon; Excel için CSV): basılı nüshaların "
        "etiketleri. Kişisel verinin kopyası: yalnızca basın servisi, denetim kaydına yazılır",
        "pressDistributionList", STAFF, {"200": _binary("CSV (UTF-8, BOM, ;)", ("text/csv",))}, (*READ, "422"),
        parameters=[publication])})
    spec.path(path="/api/v1/press/issues/{issue_id}/distribute", operations={"post": op(
        "Sayıyı dağıtım listesine e-postayla gönder (PDF'i ve herkese açık bağlantısı); bir sayı bir kez "
        "gönderilir (409). PDF'i ya da listesi yoksa 422; bilgi bankası yanıt vermezse hiçbir şey gönderilmez "
        "(503)", "distributePressIssue", STAFF, {"200": json_body("PressIssueDistributed", "Gönderildi")},
        (*MOVE, "422"), parameters=[issue])})
    spec.path(path="/api/v1/press/issues/{issue_id}/pdf", operations={"get": op(
        "Sayının PDF'i (dağıtılmış olsun olmasın; personel; PDF'i yoksa 404)", "getPressIssuePdf", STAFF,
        {"200": _binary("PDF", ("application/pdf",))}, READ, parameters=[issue])})
    spec.path(path="/api/v1/press/issues/{issue_id}.pdf", operations={"get": op(
        "Dağıtılmış sayının PDF'i (e-postadaki bağlantı; giriş gerekmez; dağıtılmamış sayı 404)",
        "publicPressIssuePdf", PUBLIC, {"200": _binary("PDF", ("application/pdf",))}, (*PUBLIC_ERRORS, "404"),
        parameters=[issue])})
    spec.path(path="/api/v1/press/subscriptions", operations={
        "post": op("Abonelik (gazete, dergi, dijital arşiv); yenilemeden önce hatırlatılır", "addPressSubscription",
                   STAFF, {"201": json_body("PressSubscription", "Abonelik")}, WRITE, body="PressSubscriptionInput"),
        "get": op("Abonelikler, yenileme tarihleri ve kalan günler", "listPressSubscriptions", STAFF,
                  {"200": json_body("PressSubscriptionList", "Abonelikler")}, LIST,
                  parameters=_queries(press_schemas.SubscriptionQuerySchema))})
    for action, summary in (("renew", "Bir dönem daha ödendi"), ("cancel", "Abonelik sona erer")):
        spec.path(path=f"/api/v1/press/subscriptions/{{subscription_id}}/{action}", operations={"post": op(
            summary, f"{action}PressSubscription", STAFF, {"200": json_body("PressSubscription", "Abonelik")}, READ,
            parameters=[subscription])})
    spec.path(path="/api/v1/press/productions", operations={
        "post": op("Medyayla yapılan program ya da dizi", "addPressProduction", STAFF,
                   {"201": json_body("PressProduction", "Yapım")}, WRITE, body="PressProductionInput"),
        "get": op("Yapımlar (son değişen önce; duruma göre)", "listPressProductions", STAFF,
                  {"200": json_body("PressProductionList", "Yapımlar")}, LIST,
                  parameters=_queries(press_schemas.ProductionQuerySchema))})
    spec.path(path="/api/v1/press/productions/{production_id}/status", operations={"put": op(
        "Yapımın durumu (planlandi, hazirlaniyor, yayinlandi, iptal)", "setPressProductionStatus", STAFF,
        {"200": json_body("PressProduction", "Yapım")}, CHANGE, body="PressProductionStatus",
        parameters=[production])})


def _conferences(spec):
    event, material = _id("event_id"), _id("material_id")
    spec.path(path="/api/v1/press/conferences/{event_id}/materials", operations={
        "post": op("Basın toplantısına materyal ekle (sunum, basın dosyası, fotoğraf, kısa video: PDF, JPEG, PNG, "
                   "MP4, Word, PowerPoint, Excel; en çok 20 MB, base64). Etkinlik basın toplantısı değilse 422",
                   "addPressConferenceMaterial", STAFF, {"201": json_body("PressConferenceMaterial", "Eklendi")},
                   CHANGE, body="PressConferenceMaterialInput", parameters=[event]),
        "get": op("Basın toplantısı (bilgi bankasındaki hâliyle), materyalleri ve her paylaşımı",
                  "listPressConferenceMaterials", STAFF, {"200": json_body("PressConferenceMaterials", "Materyaller")},
                  (*READ, "422"), parameters=[event])})
    spec.path(path="/api/v1/press/conferences/{event_id}/materials/{material_id}", operations={
        "get": op("Materyalin dosyası (yalnızca bu toplantınınsa; yoksa 404)", "getPressConferenceMaterial", STAFF,
                  {"200": _binary("Dosya", press_schemas.MATERIAL_TYPES)}, (*READ, "422"),
                  parameters=[event, material]),
        "delete": op("Materyali kaldır; kalan materyaller döner", "removePressConferenceMaterial", STAFF,
                     {"200": json_body("PressConferenceMaterialList", "Kalan materyaller")}, READ,
                     parameters=[event, material])})
    spec.path(path="/api/v1/press/conferences/{event_id}/share", operations={"post": op(
        "Tüm materyalleri konuklara e-postayla gönder: gelenler (attended), katılacağını bildirenler (accepted) "
        "ya da reddetmeyen tüm davetliler (invited). Materyal yoksa, toplamı 20 MB'ı geçerse ya da o konuklardan "
        "e-postası olan yoksa 422", "sharePressConferenceMaterials", STAFF,
        {"200": json_body("PressConferenceShare", "Paylaşım kaydı")}, CHANGE, body="PressConferenceShareInput",
        parameters=[event])})
