"""The press office at the edge, without a broker: press's errors as HTTP answers, what the request
schemas refuse, and the routes of issues' distribution and press conferences' materials with press
replaced."""
import uuid

import pytest
from marshmallow import ValidationError
from werkzeug.routing import Map, Rule
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from contracts import press_inputs
from contracts.errors import InformationBankUnavailable as PressUnavailable
from contracts.errors import InvalidInput as InvalidPressInput
from contracts.errors import InvalidTransition as PressInvalidTransition
from contracts.errors import NotAllowed as PressNotAllowed
from contracts.errors import NotFound as PressNotFound
from gateway.errors import RouteNotFound, ValidationFailed, problem_for
from gateway.http import problem_response
from gateway.openapi import build_spec
from gateway.declared import DeclaredRoutes
from gateway.routes.press import PressRoutes
from gateway.security import Principal


@pytest.mark.parametrize("exc,status,key", [
    (PressNotFound("Basın bülteni bulunamadı."), 404, "detail"),
    (PressNotAllowed("Basın bültenini yalnızca Başkanlık Makamı onaylayabilir ya da iade edebilir."), 403, "detail"),
    (PressInvalidTransition("'Taslak' durumundaki bir basın bülteninde 'onaylama' yapılamaz."), 409, "detail"),
    (InvalidPressInput({"photo": ["Dosyanın içeriği bildirilen türe (image/png) uymuyor."]}), 422, "errors"),
])
def test_press_errors_are_answered_with_their_safe_turkish_words(exc, status, key):
    code, body = problem_for(exc)
    assert code == status == body["status"]
    assert body[key] == exc.args[0]


def test_a_release_edit_may_change_nothing_and_text_has_no_control_characters():
    assert press_inputs.PressReleaseEdit().load({}) == {}  # press answers the release as it is
    with pytest.raises(ValidationError) as control:
        press_inputs.PressReleaseInput().load({"title": "Bülten\x07", "body": "Metin"})
    assert "title" in control.value.messages
    with pytest.raises(ValidationError) as unknown:
        press_inputs.PressTone().load({"tone": "lehte", "oneri": "aleyhte"})
    assert unknown.value.messages == {"oneri": ["Bilinmeyen alan."]}


def test_moments_in_any_offset_arrive_in_utc_and_an_empty_embargo_stays_empty():
    loaded = press_inputs.PressReleaseEdit().load({"embargo_until": "2026-11-26T11:00:00+03:00"})
    assert loaded["embargo_until"].isoformat() == "2026-11-26T08:00:00+00:00"
    assert press_inputs.PressReleaseEdit().load({"embargo_until": None}) == {"embargo_until": None}


def test_days_are_bounded_and_a_twenty_megabyte_photo_fits_its_request():
    with pytest.raises(ValidationError):
        press_inputs.PressDay().load({"day": "9999-12-31"})
    limit = press_inputs.body_limit(press_inputs.MAX_PHOTO_BYTES)
    assert press_inputs.base64_length(press_inputs.MAX_PHOTO_BYTES) < limit < 40 * 1024 * 1024


# -- issues sent to their distribution list, and press conferences' materials ------------------------------
EVENT, MATERIAL, OTHER, ISSUE, PUBLICATION = (uuid.UUID("6f1c2a4e-0000-4000-8000-00000000001%d" % n)
                                              for n in (1, 2, 3, 4, 5))
PDF = {"filename": "sunum.pdf", "content_type": "application/pdf", "content_base64": "JVBERi0xLjQK"}


class FakeGuard:
    def __init__(self):
        self.audits = []

    def require(self, _db, _request, action):
        self.required = action
        return Principal("staff", "7", "press_officer", name="ayse")

    def throttle(self, _request, _principal=None):
        pass

    def audit(self, _db, _request, _principal, action, object_type=None, object_id=None, personal_data=False):
        self.audits.append((action, object_type, str(object_id), personal_data))


class Gateway(PressRoutes, DeclaredRoutes):
    """The route classes with press replaced: `answers[method]` is what press answers."""
    db = None

    def __init__(self, **answers):
        self.guard, self.answers, self.calls = FakeGuard(), answers, []

    def _call(self, method, *args, service="intake", **kwargs):
        self.calls.append((service, method, args))
        return self.answers[method]


def request(method="GET", body=None):
    return Request(EnvironBuilder(method=method, json=body).get_environ())


def test_press_unavailable_is_a_503_to_try_again_with_its_turkish_words():
    exc = PressUnavailable("Bilgi bankası şu anda yanıt vermiyor; hiçbir şey gönderilmedi.")
    code, body = problem_for(exc)
    assert code == 503 and body["detail"] == exc.args[0] and body["type"].endswith("/unavailable")
    assert problem_response(exc).headers["Retry-After"] == "5"


@pytest.mark.parametrize("body,field", [
    ({"audience": "everyone"}, "audience"),
    ({"note": "Sunum ektedir."}, "audience"),
    ({"audience": "attended", "recipients": ["a@example.org"]}, "recipients"),
    ({"audience": "invited", "note": "x" * 2001}, "note"),
    ({"audience": "accepted", "note": "Not\x00"}, "note"),
])
def test_a_share_press_would_refuse_is_a_422_without_calling_press(body, field):
    gateway = Gateway()
    with pytest.raises(ValidationFailed) as refused:
        gateway.share_press_conference_materials(request("POST", body), event_id=EVENT)
    assert field in refused.value.errors and problem_for(refused.value)[0] == 422
    assert gateway.calls == [] and gateway.guard.audits == []


def test_a_share_reaches_press_with_its_audience_and_note_and_is_audited():
    gateway = Gateway(share_conference_materials={"id": str(OTHER), "recipients": 3})
    response = gateway.share_press_conference_materials(request("POST", {"audience": "invited"}), event_id=EVENT)
    assert response.status_code == 200 and gateway.guard.required == "press.write"
    (_service, method, args), = gateway.calls
    assert method == "share_conference_materials" and args[:3] == (str(EVENT), "invited", "")
    assert args[3]["role"] == "press_officer"
    assert gateway.guard.audits == [("press.conference_share", "conference_share", str(OTHER), False)]


def test_a_material_is_checked_for_its_type_title_and_unknown_fields():
    for content_type in press_inputs.OFFICE_TYPES + ("application/pdf", "image/jpeg", "image/png", "video/mp4"):
        press_inputs.PressConferenceMaterialInput().load({"title": "Sunum", "file": {**PDF, "content_type": content_type}})
    with pytest.raises(ValidationError) as refused:
        press_inputs.PressConferenceMaterialInput().load({"title": "", "file": {**PDF, "content_type": "text/html"},
                                                       "event_id": str(EVENT)})
    assert set(refused.value.messages) == {"title", "file", "event_id"}
    assert set(refused.value.messages["file"]) == {"content_type"}
    with pytest.raises(ValidationError) as missing:
        press_inputs.PressConferenceMaterialInput().load({"title": "Sunum"})
    assert "file" in missing.value.messages
    assert press_inputs.MAX_MATERIAL_BYTES == 20 * 1024 * 1024


def test_a_material_of_another_conference_is_not_served_under_this_one():
    gateway = Gateway(conference_materials={"materials": [{"id": str(OTHER)}]},
                      conference_material={"filename": "sunum.pdf", "content_type": "application/pdf",
                                           "content_base64": "JVBERi0xLjQK"})
    with pytest.raises(RouteNotFound):
        gateway.get_press_conference_material(request(), EVENT, MATERIAL)
    assert [method for _service, method, _args in gateway.calls] == ["conference_materials"]
    served = gateway.get_press_conference_material(request(), EVENT, OTHER)
    assert served.status_code == 200 and served.get_data() == b"%PDF-1.4\n"
    assert served.headers["Cache-Control"] == "private, no-store"


def test_the_distribution_list_is_a_download_audited_as_a_read_of_personal_data():
    gateway = Gateway(distribution_list={"filename": "gaziemir-bulten-dagitim-listesi.csv",
                                         "content_type": "text/csv; charset=utf-8",
                                         "content_base64": "77u/QWQ7S3VydW0NCg=="})
    response = gateway.press_distribution_list(request(), publication_id=PUBLICATION)
    assert gateway.guard.required == "press.write"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Cache-Control"] == "no-store"
    assert gateway.guard.audits == [("press.distribution_list_export", "publication", str(PUBLICATION), True)]


def test_a_sent_issue_pdf_is_public_and_cached_and_the_staff_pdf_is_another_route():
    pdf = {"filename": "bulten-12.pdf", "content_type": "application/pdf", "content_base64": "JVBERi0xLjQK"}
    gateway = Gateway(public_issue_pdf=pdf, attachment=pdf)
    public = gateway.public_press_issue_pdf(request(), ISSUE)
    assert public.headers["Cache-Control"] == "public, max-age=300"
    assert gateway.calls == [("press", "public_issue_pdf", (str(ISSUE),))]
    gateway.get_press_issue_pdf(request(), ISSUE)
    assert gateway.calls[-1] == ("press", "attachment", ("issue_pdf", str(ISSUE)))
    urls = Map([Rule(entrypoint.url, endpoint=name) for name in ("public_press_issue_pdf", "get_press_issue_pdf",
                                                                 "distribute_press_issue")
                for entrypoint in getattr(Gateway, name).nameko_entrypoints]).bind("gaziemir.bel.tr")
    assert urls.match(f"/api/v1/press/issues/{ISSUE}.pdf")[0] == "public_press_issue_pdf"
    assert urls.match(f"/api/v1/press/issues/{ISSUE}/pdf")[0] == "get_press_issue_pdf"


def test_every_new_press_route_is_documented_with_its_security_and_errors():
    paths = build_spec()["paths"]
    new = {("post", "/api/v1/press/issues/{issue_id}/distribute"): "409",
           ("get", "/api/v1/press/issues/{issue_id}/pdf"): "403",
           ("get", "/api/v1/press/issues/{issue_id}.pdf"): "404",
           ("get", "/api/v1/press/publications/{publication_id}/distribution-list.csv"): "403",
           ("post", "/api/v1/press/conferences/{event_id}/materials"): "413",
           ("get", "/api/v1/press/conferences/{event_id}/materials"): "404",
           ("get", "/api/v1/press/conferences/{event_id}/materials/{material_id}"): "404",
           ("delete", "/api/v1/press/conferences/{event_id}/materials/{material_id}"): "404",
           ("post", "/api/v1/press/conferences/{event_id}/share"): "409"}
    for (method, path), error in new.items():
        operation = paths[path][method]
        assert "security" in operation and error in operation["responses"] and "503" in operation["responses"]
    assert paths["/api/v1/press/issues/{issue_id}.pdf"]["get"]["security"] == []
