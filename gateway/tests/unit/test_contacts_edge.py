"""The information bank and protocol at the edge, without a broker: contacts' errors as HTTP answers, what
the declared request schemas refuse and how the gateway hands data on, the invitee's pages, and a duplicate
pair dismissed through its declaration with contacts replaced."""
import json
import uuid

import pytest
from marshmallow import ValidationError
from werkzeug.exceptions import NotFound as HTTPNotFound
from werkzeug.routing import Map, Rule
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from contracts import contacts_protocol, contacts_records as records
from gateway import invitation_page
from gateway.declared import DeclaredRoutes, jsonable
from contracts.errors import Conflict as ContactConflict
from contracts.errors import InvalidInput as InvalidContactInput
from contracts.errors import NotAllowed as ContactNotAllowed
from contracts.errors import NotFound as ContactNotFound
from gateway.errors import problem_for
from gateway.openapi import build_spec
from gateway.security import Principal

INVITATION = uuid.UUID("6f1c2a4e-0000-4000-8000-000000000001")


@pytest.mark.parametrize("exc,status,key", [
    (ContactNotFound("Böyle bir kayıt yok."), 404, "detail"),
    (ContactNotAllowed("Bilgi bankasını görme yetkiniz yok."), 403, "detail"),
    (ContactConflict("Bu görev 2024-03-31 tarihinde zaten sona ermiş."), 409, "detail"),
    (InvalidContactInput({"roles.0.office": ["Makam ya da görev unvanı yazılmalı."]}), 422, "errors"),
])
def test_contacts_errors_are_answered_with_their_safe_turkish_words(exc, status, key):
    code, body = problem_for(exc)
    assert code == status == body["status"]
    assert body[key] == exc.args[0]


def test_a_record_is_refused_for_unknown_fields_control_characters_and_oversized_lists():
    with pytest.raises(ValidationError) as refused:
        records.ContactInput().load({"kind": "person", "full_name": "Ali\x07", "tags": ["a\x00"], "yas": 40,
                                      "phones": ["0532 111 22 33"] * 21})
    assert set(refused.value.messages) == {"full_name", "tags", "yas", "phones"}


def test_ids_load_as_ids_and_reach_contacts_as_text_with_days_and_moments():
    merge = records.ContactMerge().load({"keep_id": str(INVITATION), "other_id": str(INVITATION)})
    assert merge["keep_id"] == INVITATION
    event = contacts_protocol.EventInput().load({"kind": "toren", "title": "29 Ekim",
                                                 "starts_at": "2026-10-29T10:00:00+03:00"})
    role = records.ContactRoleInput().load({"office": "muhtar", "started_on": "2024-04-01"})
    assert jsonable({"event": event, "role": role, "ids": [INVITATION]}) == {
        "event": {"kind": "toren", "title": "29 Ekim", "starts_at": "2026-10-29T10:00:00+03:00"},
        "role": {"office": "muhtar", "started_on": "2024-04-01"}, "ids": [str(INVITATION)]}


def test_an_invitation_needs_someone_and_days_are_bounded():
    with pytest.raises(ValidationError):
        contacts_protocol.InvitationsInput().load({})
    with pytest.raises(ValidationError):
        records.ContactRoleEnd().load({"ended_on": "9999-12-31"})
    assert records.ContactRoleEnd().load({"ended_on": None}) == {"ended_on": None}


@pytest.mark.parametrize("content,valid", [("bWVyaGFiYQ==", True), ("bWVyaGFi", True), ("bWVyaGFiYQ", False),
                                           ("0", False), ("bWVy aGFi", False)])
def test_an_import_carries_its_file_as_whole_base64_as_contacts_decodes_it(content, valid):
    errors = records.ContactImportInput().validate({"format": "csv", "filename": "muhtarlar.csv",
                                                    "content_base64": content})
    assert ("content_base64" not in errors) is valid


def test_the_reply_page_names_the_event_offers_both_answers_and_escapes_what_the_link_carried():
    shown = {"title": "Basın <b>toplantısı</b>", "starts_at": "2026-12-01T08:00:00+00:00", "place": None,
             "status": "invited"}
    page = invitation_page.reply_form(INVITATION, 'abc"><script>', shown)
    html = page.get_data(as_text=True)
    assert "Katılacağım" in html and "Katılamayacağım" in html and "<script>" not in html and "<b>" not in html
    assert "Basın &lt;b&gt;toplantısı" in html and "01.12.2026, saat 11:00" in html
    assert "bildirmiştiniz" not in html
    answered = invitation_page.reply_form(INVITATION, "abc", {**shown, "status": "declined"}).get_data(as_text=True)
    assert "Katılamayacağınızı bildirmiştiniz." in answered
    assert f'action="/api/v1/invitations/{INVITATION}/reply"' in html
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"


def test_the_thanks_page_shows_the_event_in_turkey_s_time():
    html = invitation_page.thanks({"title": "29 Ekim Töreni", "starts_at": "2026-10-29T07:00:00+00:00",
                                   "place": "Atatürk Anıtı", "status": "accepted"}).get_data(as_text=True)
    assert "29.10.2026, saat 10:00" in html and "Atatürk Anıtı" in html and "teşekkür" in html


@pytest.mark.parametrize("content_type,accept,html", [
    ("application/x-www-form-urlencoded", "text/html,application/xhtml+xml,*/*;q=0.8", True),  # a browser
    ("application/x-www-form-urlencoded", "*/*", True),
    ("application/json", "*/*", False),
    ("application/json", "text/html", True),
    ("application/x-www-form-urlencoded", "application/json", False),
])
def test_a_person_gets_a_page_and_a_program_json(content_type, accept, html):
    request = Request(EnvironBuilder(method="POST", headers={"Accept": accept, "Content-Type": content_type})
                      .get_environ())
    assert invitation_page.wants_html(request) is html


def test_an_id_field_at_the_edge_loads_as_a_uuid_not_as_text():
    import uuid

    from marshmallow import fields

    from contracts.inbound import StrictSchema

    class WithId(StrictSchema):
        id = fields.UUID(required=True)
        note = fields.String()

    loaded = WithId().load({"id": "6a9c2e4f-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "note": "tamam"})
    assert isinstance(loaded["id"], uuid.UUID)
    assert "note" in WithId().validate({"id": "6a9c2e4f-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "note": "a\x00b"})


# -- a pair staff judged not to be one record ------------------------------------------------------------
SARNIC, AKTEPE = (uuid.UUID("6f1c2a4e-0000-4000-8000-00000000002%d" % n) for n in (1, 2))
DISMISSALS = "/api/v1/contacts/duplicates/dismissals"


class FakeGuard:
    def __init__(self):
        self.audits = []

    def require(self, _db, _request, action):
        self.required = action
        return Principal("staff", "7", "pr_officer", name="halkla")

    def audit(self, _db, _request, _principal, action, object_type=None, object_id=None, personal_data=False,
              outcome="allowed"):
        self.audits.append((action, object_type, str(object_id), personal_data))


class Gateway(DeclaredRoutes):
    """The route class with contacts replaced: `answer` is what contacts answers."""
    db = None

    def __init__(self, answer=None):
        self.guard, self.answer, self.calls = FakeGuard(), answer, []

    def _call(self, method, *args, service="intake", **kwargs):
        self.calls.append((service, method, args, kwargs))
        return self.answer


@pytest.mark.parametrize("body,field", [
    ({"contact_ids": [str(SARNIC)]}, "contact_ids"),
    ({"contact_ids": [str(SARNIC), str(SARNIC)]}, "contact_ids"),
    ({"contact_ids": [str(SARNIC), str(AKTEPE), str(SARNIC)]}, "contact_ids"),
    ({"contact_ids": [str(SARNIC), "sarnic"]}, "contact_ids"),
    ({"contact_ids": [str(SARNIC), str(AKTEPE)], "reason": "x" * 501}, "reason"),
    ({"contact_ids": [str(SARNIC), str(AKTEPE)], "reason": "Farklı\x00"}, "reason"),
    ({"reason": "Farklı kişiler."}, "contact_ids"),
])
def test_a_dismissal_is_two_distinct_records_and_a_short_reason(body, field):
    with pytest.raises(ValidationError) as refused:
        records.DuplicateDismissalInput().load(body)
    assert field in refused.value.messages


def test_a_dismissal_reaches_contacts_as_text_and_is_audited_as_a_write():
    answer = {"ids": sorted([str(SARNIC), str(AKTEPE)]), "dismissed_by": "halkla",
              "dismissed_at": "2026-11-25T08:00:00+00:00", "reason": "Farklı kişiler."}
    gateway = Gateway(answer)
    body = {"contact_ids": [str(AKTEPE), str(SARNIC)], "reason": "Farklı kişiler."}
    response = gateway.dismiss_duplicate(Request(EnvironBuilder(method="POST", json=body).get_environ()))
    assert response.status_code == 200 and json.loads(response.get_data()) == answer
    assert gateway.guard.required == "contacts.write"
    [(service, method, (ids, actor), kwargs)] = gateway.calls
    assert (service, method, ids, actor["role"], kwargs) == ("contacts", "dismiss_duplicate",
                                                             [str(AKTEPE), str(SARNIC)], "pr_officer",
                                                             {"reason": "Farklı kişiler."})
    assert gateway.guard.audits == [("contact.duplicate_dismiss", "contact", answer["ids"][0], True)]
    urls = Map([Rule(entrypoint.url, endpoint=name, methods=[entrypoint.method])
                for name in ("dismiss_duplicate", "get_contact", "end_contact_role")
                for entrypoint in getattr(DeclaredRoutes, name).nameko_entrypoints]).bind("gaziemir.bel.tr")
    assert urls.match(DISMISSALS, method="POST")[0] == "dismiss_duplicate"
    assert urls.match(f"/api/v1/contacts/{SARNIC}/roles/7/end", method="POST") == (
        "end_contact_role", {"contact_id": SARNIC, "role_id": 7})
    with pytest.raises(HTTPNotFound):  # a role is numbered
        urls.match(f"/api/v1/contacts/{SARNIC}/roles/yedi/end", method="POST")


def test_the_dismissal_is_documented_with_its_security_and_errors():
    operation = build_spec()["paths"][DISMISSALS]["post"]
    assert operation["security"] and {"401", "403", "404", "409", "422"} <= set(operation["responses"])
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DuplicateDismissalInput"}
