"""The OpenAPI document's part for the press area's hand-written routes (`routes/press.py`): files, the
public feed and pages. Press's declared operations (and intake's journalists' requests) are documented from
their declarations (`openapi_declared`)."""
from contracts.press_api import TAG
from contracts.press_inputs import MATERIAL_TYPES, PDF_TYPES, PHOTO_TYPES, SCAN_TYPES

from .openapi_common import AUTH_ERRORS, PUBLIC, STAFF, UUID, op, path_param

READ = (*AUTH_ERRORS, "404")
PUBLIC_ERRORS = ("429", "503")


def _binary(description, types):
    return {"description": description,
            "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in types}}


def _path(spec, path, method, summary, operation_id, security, responses, errors, ids=(), **extra):
    described = op(summary, operation_id, security, responses, errors,
                   parameters=[path_param(name, UUID) for name in ids] or extra.pop("parameters", None), **extra)
    spec.path(path=path, operations={method: {**described, "tags": [TAG]}})


def add_paths(spec):
    spec.components.security_scheme("ScreenKey", {
        "type": "http", "scheme": "Screen",
        "description": "Duvar ekranı: `gateway-admin create-screen` ile verilen anahtar (Authorization: Screen "
                       "<anahtar>); yalnızca basın panosunu okur."})
    _path(spec, "/api/v1/press/clippings/{clipping_id}/scan", "get", "Kupürün taraması (yoksa 404)",
          "getPressClippingScan", STAFF, {"200": _binary("Tarama", SCAN_TYPES)}, READ, ids=("clipping_id",))
    _path(spec, "/press/board", "get",
          "Basın panosu duvar ekranı sayfası (her dakika yenilenir). Sayfa haber içermez; haberleri ekranın "
          "anahtarıyla (/press/board#ekran=<anahtar>) ya da ekranda yapılan personel girişiyle "
          "/api/v1/press/board'dan okur", "pressBoardPage", PUBLIC,
          {"200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}}, PUBLIC_ERRORS)
    _path(spec, "/api/v1/press/releases/{release_id}/photos/{photo_id}", "get",
          "Bültenin fotoğrafı (her durumda; personel)", "getPressReleasePhoto", STAFF,
          {"200": _binary("Fotoğraf", PHOTO_TYPES)}, READ, ids=("release_id", "photo_id"))
    _path(spec, "/press/releases.rss", "get",
          "Yayımlanan basın bültenleri (RSS 2.0; fotoğraflar enclosure ve media:content)", "pressReleasesRss", PUBLIC,
          {"200": {"description": "RSS", "content": {"application/rss+xml": {"schema": {"type": "string"}}}}},
          PUBLIC_ERRORS)
    _path(spec, "/api/v1/press/photos/{photo_id}", "get",
          "Yayımlanmış bültenin fotoğrafı (bülten akışının bağlantısı; yayımlanmamış bültenin fotoğrafı 404)",
          "publicPressPhoto", PUBLIC, {"200": _binary("Fotoğraf", PHOTO_TYPES)}, (*PUBLIC_ERRORS, "404"),
          ids=("photo_id",))
    _path(spec, "/api/v1/press/issues/{issue_id}/pdf", "get",
          "Sayının PDF'i (dağıtılmış olsun olmasın; personel; PDF'i yoksa 404)", "getPressIssuePdf", STAFF,
          {"200": _binary("PDF", PDF_TYPES)}, READ, ids=("issue_id",))
    _path(spec, "/api/v1/press/issues/{issue_id}.pdf", "get",
          "Dağıtılmış sayının PDF'i (e-postadaki bağlantı; giriş gerekmez; dağıtılmamış sayı 404)",
          "publicPressIssuePdf", PUBLIC, {"200": _binary("PDF", PDF_TYPES)}, (*PUBLIC_ERRORS, "404"), ids=("issue_id",))
    _path(spec, "/api/v1/press/conferences/{event_id}/materials/{material_id}", "get",
          "Materyalin dosyası (yalnızca bu toplantınınsa; yoksa 404)", "getPressConferenceMaterial", STAFF,
          {"200": _binary("Dosya", MATERIAL_TYPES)}, (*READ, "422"), ids=("event_id", "material_id"))
