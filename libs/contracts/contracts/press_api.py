"""The operations press offers through the gateway, each declared once (`contracts.api.Operation`): press
validates with the input schemas named here (`contracts.press_inputs`), the gateway serves, authorises,
audits and documents each from its declaration, files too (`file=`). The files whose download needs headers a
declaration cannot carry, the public feed and pages are the gateway's own routes (`gateway/routes/press.py`)."""
from functools import partial

from .api import Audit, Operation
from .press_answers import (PressBoard, PressClipping, PressClippingPage, PressConferenceMaterial,
                            PressConferenceMaterialList, PressConferenceMaterials, PressConferenceShare, PressDigest,
                            PressIssue, PressIssueDistributed, PressPhotoAdded, PressProduction, PressProductionList,
                            PressPublication, PressPublicationList, PressRelease, PressReleasePage, PressSource,
                            PressSourceList, PressSubscription, PressSubscriptionList)
from .press_inputs import (MAX_MATERIAL_BYTES, MAX_PDF_BYTES, PDF_TYPES, MAX_PHOTO_BYTES, MAX_SCAN_BYTES, PressApproval,
                           PressBoardQuery, PressClassification, PressClippingInput, PressClippingQuery,
                           PressClippingSearch, PressConferenceMaterialInput, PressConferenceShareInput,
                           PressDistribution, PressFlag, PressIssueInput, PressPhotoUpload, PressProductionInput,
                           PressProductionQuery,
                           PressProductionStatus, PressPublicationInput, PressReleaseEdit, PressReleaseInput,
                           PressReleaseQuery, PressReturn, PressSourceInput, PressSubscriptionInput,
                           PressSubscriptionQuery, PressTone, body_limit)

SERVICE = "press"
TAG = "Basın"
RELEASE_BODY_BYTES = 512 * 1024  # a 50 000-character body, escaped
TEXT_BODY_BYTES = 64 * 1024

press = partial(Operation, service=SERVICE, tag=TAG)
write = partial(press, rule="press.write")


def _step(action, summary, rpc_args, rule="press.write", **extra):
    """A release's step: `POST /api/v1/press/releases/{release_id}/<action>`, answering the release."""
    return press("POST", f"/api/v1/press/releases/{{release_id}}/{action}", rpc=f"{action}_release", rule=rule,
                 args=rpc_args, output=PressRelease, errors=("409",), summary=summary,
                 operation_id=f"{action}PressRelease", audit=Audit(f"press.release_{action}", "release",
                                                                  "path.release_id"), **extra)


def _source_switch(action, active, summary):
    return write("POST", f"/api/v1/press/sources/{{source_id}}/{action}", rpc="set_source_active",
                 args=("path.source_id", active, "actor"), output=PressSource, summary=summary,
                 operation_id=f"{action}PressSource", audit=Audit(f"press.source_{action}", "press_source",
                                                                 "path.source_id"))


def _subscription_step(action, summary):
    return write("POST", f"/api/v1/press/subscriptions/{{subscription_id}}/{action}", rpc=f"{action}_subscription",
                 args=("path.subscription_id", "actor"), output=PressSubscription, summary=summary,
                 operation_id=f"{action}PressSubscription",
                 audit=Audit(f"press.subscription_{action}", "subscription", "path.subscription_id"))


COVERAGE = (
    write("POST", "/api/v1/press/sources", rpc="add_source", args=("body", "actor"), input=PressSourceInput,
          output=PressSource, status=201, audit=Audit("press.source_add", "press_source", "answer.id"),
          summary="Haber kaynağı (RSS/Atom) ekle; aynı adres yeniden eklenirse var olan kaynak döner",
          operation_id="addPressSource"),
    press("GET", "/api/v1/press/sources", rpc="list_sources", rule="press.read", output=PressSourceList,
          answer_key="sources", summary="Haber kaynakları: okuma takvimi, ETag, art arda hata, son sonuç",
          operation_id="listPressSources"),
    _source_switch("activate", True, "Kaynak yeniden okunmaya başlar"),
    _source_switch("deactivate", False, "Kaynak okunmaz"),
    write("POST", "/api/v1/press/clippings", rpc="add_clipping", args=("body", "actor"), input=PressClippingInput,
          max_body=body_limit(MAX_SCAN_BYTES), output=PressClipping, status=201,
          audit=Audit("press.clipping_add", "clipping", "answer.id"),
          summary="Basılı, TV ya da radyo kupürü ekle (taraması base64, en çok 20 MB); ton önerisiyle döner",
          operation_id="addPressClipping"),
    press("GET", "/api/v1/press/clippings", rpc="list_clippings", rule="press.coverage.read",
          args=("query", "query.limit", "query.offset"), query=PressClippingQuery, output=PressClippingPage,
          summary="Kupürler (en yeni önce; tarih, yayın, ton, konu, müdürlük, önemli, tür süzgeçleri; sayfalı)",
          operation_id="listPressClippings"),
    press("GET", "/api/v1/press/clippings/search", rpc="search_clippings", rule="press.coverage.read",
          args=("query.q", "query", "query.limit", "query.offset"), query=PressClippingSearch,
          output=PressClippingPage, summary="Kupürlerde Türkçe tam metin arama (en uygun önce) ve süzgeçler",
          operation_id="searchPressClippings"),
    press("GET", "/api/v1/press/clippings/{clipping_id}", rpc="get_clipping", rule="press.coverage.read",
          args=("path.clipping_id",), output=PressClipping,
          summary="Kupür, ton önerisi ve öneriye yol açan kelimeler", operation_id="getPressClipping"),
    write("PUT", "/api/v1/press/clippings/{clipping_id}/tone", rpc="set_tone",
          args=("path.clipping_id", "body.tone", "actor"), input=PressTone, output=PressClipping,
          audit=Audit("press.clipping_tone", "clipping", "path.clipping_id"),
          summary="Kupürün tonu (basın görevlisinin kararı; öneri yanında kalır)", operation_id="setPressClippingTone"),
    write("POST", "/api/v1/press/clippings/{clipping_id}/classify", rpc="classify_clipping",
          args=("path.clipping_id", "body", "actor"), input=PressClassification, output=PressClipping,
          audit=Audit("press.clipping_classify", "clipping", "path.clipping_id"),
          summary="Kupürün konusu ve yeni uygulama işareti", operation_id="classifyPressClipping"),
    write("POST", "/api/v1/press/clippings/{clipping_id}/flag", rpc="flag_clipping",
          args=("path.clipping_id", "actor"), input=PressFlag, output=PressClipping,
          kwargs=(("important", "body.important"), ("directorates", "body.directorates"), ("note", "body.note")),
          audit=Audit("press.clipping_flag", "clipping", "path.clipping_id"),
          summary="Önemli olarak işaretle: basın panosuna çıkar, adı geçen müdürlüklere bir kez bildirilir",
          operation_id="flagPressClipping"),
    press("GET", "/api/v1/press/board", rpc="board", rule="press.board.read", args=("query.limit",),
          query=PressBoardQuery, output=PressBoard, answer_key="items", security=("BearerAuth", "ScreenKey"),
          summary="Basın panosu: bugünün önemli haberleri, tonlarıyla (tüm personel ve duvar ekranları)",
          operation_id="pressBoard"),
    press("GET", "/api/v1/press/digests/{day}", rpc="digest_summary", rule="press.coverage.read", args=("path.day",),
          params=(("day", "date"),), output=PressDigest,
          summary="Günün basın özeti (Başkanlık Makamı'na gönderilen; gönderilmemiş gün için şimdiki hâli)",
          operation_id="pressDigest"),
    press("GET", "/api/v1/press/digests/{day}.pdf", rpc="digest_pdf", rule="press.coverage.read", args=("path.day",),
          params=(("day", "date"),), file=PDF_TYPES, inline=True, summary="Günün basın özeti (PDF)",
          operation_id="pressDigestPdf"),
)

RELEASES = (
    write("POST", "/api/v1/press/releases", rpc="create_release", args=("body", "actor"), input=PressReleaseInput,
          max_body=RELEASE_BODY_BYTES, output=PressRelease, status=201, location="/api/v1/press/releases/{id}",
          audit=Audit("press.release_create", "release", "answer.id"),
          summary="Basın bülteni taslağı (ambargo, medya listesi: contacts segmenti)",
          operation_id="createPressRelease"),
    press("GET", "/api/v1/press/releases", rpc="list_releases", rule="press.read",
          args=("query.state", "query.limit", "query.offset"), query=PressReleaseQuery, output=PressReleasePage,
          summary="Basın bültenleri (en yeni önce; duruma göre; sayfalı)", operation_id="listPressReleases"),
    # once out, a release names the media it went to: reading it then is a read of personal data
    press("GET", "/api/v1/press/releases/{release_id}", rpc="get_release", rule="press.read",
          args=("path.release_id",), output=PressRelease,
          audit=Audit("press.release_read", "release", "path.release_id", personal_data=True, only_if="recipients"),
          summary="Bülten: fotoğrafları, sürümleri, Makam'ın notları, izin verilen işlemler, gittiği kişiler",
          operation_id="getPressRelease"),
    write("PUT", "/api/v1/press/releases/{release_id}", rpc="edit_release", args=("path.release_id", "body", "actor"),
          input=PressReleaseEdit, max_body=RELEASE_BODY_BYTES, output=PressRelease, errors=("409",),
          audit=Audit("press.release_edit", "release", "path.release_id"),
          summary="Taslağın ya da iade edilenin yeni sürümü (başka durumda 409)", operation_id="editPressRelease"),
    write("POST", "/api/v1/press/releases/{release_id}/photos", rpc="add_release_photo",
          args=("path.release_id", "body", "actor"), input=PressPhotoUpload,
          max_body=body_limit(MAX_PHOTO_BYTES), output=PressPhotoAdded, status=201, errors=("409",),
          audit=Audit("press.release_photo_add", "release_photo", "answer.id"),
          summary="Bültene fotoğraf ya da kısa video (JPEG, PNG, MP4; en çok 20 MB, base64)",
          operation_id="addPressReleasePhoto"),
    write("DELETE", "/api/v1/press/releases/{release_id}/photos/{photo_id}", rpc="remove_release_photo",
          args=("path.release_id", "path.photo_id", "actor"), output=PressRelease, errors=("409",),
          audit=Audit("press.release_photo_remove", "release_photo", "path.photo_id"),
          summary="Fotoğrafı kaldır (taslak ya da iade edilen bültenden)", operation_id="removePressReleasePhoto"),
    _step("submit", "Başkanlık Makamı onayına gönder", ("path.release_id", "actor")),
    _step("withdraw", "Onaydan geri çek (taslağa döner)", ("path.release_id", "actor")),
    _step("approve", "Makam onayı: ambargo geçince medyaya ve bülten akışına gider",
          ("path.release_id", "actor", "body.comment"), rule="press.approve", input=PressApproval,
          body_optional=True),
    _step("return", "Makam iadesi: ne düzeltileceği yazılır", ("path.release_id", "body.comment", "actor"),
          rule="press.approve", input=PressReturn, body_optional=True),
)

OFFICE = (
    write("POST", "/api/v1/press/publications", rpc="add_publication", args=("body", "actor"),
          input=PressPublicationInput, output=PressPublication, status=201, errors=("409",),
          audit=Audit("press.publication_add", "publication", "answer.id"),
          summary="Belediyenin yayını (dergi, gazete, bülten); aynı adla ikinci yayın 409",
          operation_id="addPressPublication"),
    press("GET", "/api/v1/press/publications", rpc="list_publications", rule="press.read",
          output=PressPublicationList, answer_key="publications",
          summary="Belediyenin yayınları, sayıları ve dağıtım listeleri", operation_id="listPressPublications"),
    write("POST", "/api/v1/press/publications/{publication_id}/issues", rpc="add_issue",
          args=("path.publication_id", "body", "actor"), input=PressIssueInput, max_body=body_limit(MAX_PDF_BYTES),
          output=PressIssue, status=201, errors=("409",),
          audit=Audit("press.issue_add", "publication_issue", "answer.id"),
          summary="Yeni sayı (PDF'i base64, en çok 50 MB); aynı numarayla ikinci sayı 409",
          operation_id="addPressIssue"),
    write("PUT", "/api/v1/press/publications/{publication_id}/distribution", rpc="set_distribution",
          args=("path.publication_id", "body.segment_ids", "actor"), input=PressDistribution,
          output=PressPublication, audit=Audit("press.distribution_set", "publication", "path.publication_id"),
          summary="Yayının dağıtıldığı contacts segmentleri (liste yenilenir)", operation_id="setPressDistribution"),
    write("GET", "/api/v1/press/publications/{publication_id}/distribution-list.csv", rpc="distribution_list",
          args=("path.publication_id", "actor"), file=("text/csv",), errors=("409", "422"),
          audit=Audit("press.distribution_list_export", "publication", "path.publication_id", personal_data=True),
          summary="Yayının bugünkü dağıtım listesi (ad, kurum, adres, e-posta, telefon; Excel için CSV): basılı "
                  "nüshaların etiketleri. Kişisel verinin kopyası: yalnızca basın servisi, denetim kaydına yazılır. "
                  "Listedeki bir liste bilgi bankasında artık yoksa 409", operation_id="pressDistributionList"),
    write("POST", "/api/v1/press/issues/{issue_id}/distribute", rpc="distribute_issue",
          args=("path.issue_id", "actor"), output=PressIssueDistributed, errors=("409",),
          audit=Audit("press.issue_distribute", "publication_issue", "path.issue_id"),
          summary="Sayıyı dağıtım listesine e-postayla gönder (PDF'i ve herkese açık bağlantısı); bir sayı bir kez "
                  "gönderilir (409). PDF'i ya da listesi yoksa, listedeki bir liste artık yoksa 409; bilgi bankası "
                  "yanıt vermezse hiçbir şey gönderilmez (503)", operation_id="distributePressIssue"),
    write("POST", "/api/v1/press/subscriptions", rpc="add_subscription", args=("body", "actor"),
          input=PressSubscriptionInput, output=PressSubscription, status=201,
          audit=Audit("press.subscription_add", "subscription", "answer.id"),
          summary="Abonelik (gazete, dergi, dijital arşiv); yenilemeden önce hatırlatılır",
          operation_id="addPressSubscription"),
    press("GET", "/api/v1/press/subscriptions", rpc="list_subscriptions", rule="press.read",
          args=("query.active_only",), query=PressSubscriptionQuery, output=PressSubscriptionList,
          answer_key="subscriptions", summary="Abonelikler, yenileme tarihleri ve kalan günler",
          operation_id="listPressSubscriptions"),
    _subscription_step("renew", "Bir dönem daha ödendi"),
    _subscription_step("cancel", "Abonelik sona erer"),
    write("POST", "/api/v1/press/productions", rpc="add_production", args=("body", "actor"),
          input=PressProductionInput, max_body=TEXT_BODY_BYTES, output=PressProduction, status=201,
          audit=Audit("press.production_add", "production", "answer.id"),
          summary="Medyayla yapılan program ya da dizi", operation_id="addPressProduction"),
    press("GET", "/api/v1/press/productions", rpc="list_productions", rule="press.read", args=("query.status",),
          query=PressProductionQuery, output=PressProductionList, answer_key="productions",
          summary="Yapımlar (son değişen önce; duruma göre)", operation_id="listPressProductions"),
    write("PUT", "/api/v1/press/productions/{production_id}/status", rpc="update_production_status",
          args=("path.production_id", "body.status", "actor", "body.notes"), input=PressProductionStatus,
          max_body=TEXT_BODY_BYTES, output=PressProduction,
          audit=Audit("press.production_status", "production", "path.production_id"),
          summary="Yapımın durumu (planlandi, hazirlaniyor, yayinlandi, iptal)",
          operation_id="setPressProductionStatus"),
)

CONFERENCES = (
    write("POST", "/api/v1/press/conferences/{event_id}/materials", rpc="add_conference_material",
          args=("path.event_id", "body", "actor"), input=PressConferenceMaterialInput,
          max_body=body_limit(MAX_MATERIAL_BYTES), output=PressConferenceMaterial, status=201,
          audit=Audit("press.conference_material_add", "conference_material", "answer.id"),
          summary="Basın toplantısına materyal ekle (sunum, basın dosyası, fotoğraf, kısa video: PDF, JPEG, PNG, "
                  "MP4, Word, PowerPoint, Excel; en çok 20 MB, base64). Etkinlik basın toplantısı değilse 404",
          operation_id="addPressConferenceMaterial"),
    press("GET", "/api/v1/press/conferences/{event_id}/materials", rpc="conference_materials", rule="press.read",
          args=("path.event_id", "actor"), output=PressConferenceMaterials,
          summary="Basın toplantısı (bilgi bankasındaki hâliyle), materyalleri ve her paylaşımı",
          operation_id="listPressConferenceMaterials"),
    write("DELETE", "/api/v1/press/conferences/{event_id}/materials/{material_id}", rpc="remove_conference_material",
          args=("path.event_id", "path.material_id", "actor"), output=PressConferenceMaterialList,
          answer_key="materials",
          audit=Audit("press.conference_material_remove", "conference_material", "path.material_id"),
          summary="Materyali kaldır; kalan materyaller döner", operation_id="removePressConferenceMaterial"),
    write("POST", "/api/v1/press/conferences/{event_id}/share", rpc="share_conference_materials",
          args=("path.event_id", "body.audience", "body.note", "actor"), input=PressConferenceShareInput,
          output=PressConferenceShare, errors=("409",),
          audit=Audit("press.conference_share", "conference_share", "answer.id"),
          summary="Tüm materyalleri konuklara e-postayla gönder: gelenler (attended), katılacağını bildirenler "
                  "(accepted) ya da reddetmeyen tüm davetliler (invited). Materyal yoksa, toplamı 20 MB'ı geçerse ya "
                  "da o konuklardan e-postası olan yoksa 409", operation_id="sharePressConferenceMaterials"),
)

OPERATIONS = COVERAGE + RELEASES + OFFICE + CONFERENCES
# where the gateway serves a digest's PDF (`pressDigestPdf`), as the digest's answer links it
DIGEST_PDF_URL = "/api/v1/press/digests/{day}.pdf"
