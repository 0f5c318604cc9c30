"""The route table, the role table and the API document held against each other, without starting the
system: every operation a service declares is served, authorised by a rule of the role table and
documented with its method, path, status and security; every route the gateway serves is declared, or is
one of the few hand-written ones listed here (or belongs to an area not moved onto declarations yet)."""
import base64
import json
import re

import pytest
from marshmallow import Schema, fields
from werkzeug.exceptions import NotFound
from werkzeug.routing import Map, Rule
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from contracts.api import PUBLIC, Audit, Operation, Text
from contracts.errors import NotAllowed as CaseActionNotAllowed
from contracts.inbound import StrictSchema
from gateway import declared, roles
from gateway.errors import ValidationFailed
from gateway.openapi_declared import describe
from gateway.security import Principal
from gateway.openapi import build_spec
from gateway.service import GatewayService

# the routes a declaration cannot say: files, public pages and feeds, a search asking two owners
HAND_WRITTEN = {
    "POST /api/v1/kvkk/personal-data",
    "GET /api/v1/press/clippings/{clipping_id}/scan",
    "GET /api/v1/press/releases/{release_id}/photos/{photo_id}",
    "GET /api/v1/press/issues/{issue_id}/pdf",
    "GET /api/v1/press/conferences/{event_id}/materials/{material_id}",
    "GET /press/board",
    "GET /press/releases.rss",
    "GET /api/v1/press/photos/{photo_id}",
    "GET /api/v1/press/issues/{issue_id}.pdf",
    # the information bank's and protocol's: a file with its record count in a header, the invitee's page
    # and reply (HTML or JSON on one route)
    "GET /api/v1/contacts/export",
    "GET /api/v1/invitations/{invitation_id}/reply",
    "POST /api/v1/invitations/{invitation_id}/reply",
}
# route classes of the areas still written by hand, to be moved onto declarations area by area (issue 15)
NOT_YET_DECLARED = {"AuthRoutes", "Open311Routes", "OperationsRoutes"}


def served():
    """`{"METHOD /path": route class name}` of every `@http` entrypoint, paths in OpenAPI's notation."""
    found = {}
    for klass in GatewayService.__mro__:
        for member in vars(klass).values():
            for extension in getattr(member, "nameko_entrypoints", ()):
                if hasattr(extension, "url"):
                    path = re.sub(r"<(?:[^:>]+:)?(\w+)>", r"{\1}", extension.url)
                    found.setdefault(f"{extension.method} {path}", klass.__name__)
    return found


def named(operation):
    return f"{operation.method} {operation.path}"


@pytest.fixture(scope="module")
def document():
    return build_spec()


def test_every_declared_operation_is_served_once_and_by_its_declaration():
    routes = served()
    names = [named(operation) for operation in declared.OPERATIONS]
    assert len(names) == len(set(names))
    assert {name: routes.get(name) for name in names} == {name: "DeclaredRoutes" for name in names}


def test_every_declared_operation_is_authorised_by_a_rule_of_the_role_table_or_public():
    unknown = {operation.operation_id: operation.rule for operation in declared.OPERATIONS
               if operation.rule not in roles.PERMISSIONS and operation.rule is not PUBLIC}
    assert unknown == {}
    public = {operation.operation_id for operation in declared.OPERATIONS if operation.rule is PUBLIC}
    assert public == {"previewDeadline", "lookupStatus"}  # no personal data, throttled
    assert all(operation.security == () for operation in declared.OPERATIONS if operation.rule is PUBLIC)


def test_every_declared_operation_is_documented_with_its_status_security_and_area(document):
    schemes = set(document["components"]["securitySchemes"])
    for operation in declared.OPERATIONS:
        described = document["paths"][operation.path][operation.method.lower()]
        assert described["operationId"] == operation.operation_id
        assert str(operation.status) in described["responses"]
        if operation.created_from:
            assert "200" in described["responses"]
        assert ({"401", "403", "503"} if operation.security else {"429", "503"}) <= set(described["responses"])
        assert [tuple(option) for option in described["security"]] == [
            scheme if isinstance(scheme, tuple) else (scheme,) for scheme in operation.security]
        assert {name for option in described["security"] for name in option} <= schemes
        assert described["tags"] == [operation.tag]
        assert ("requestBody" in described) == (operation.input is not None)
        parameters = {p["name"] for p in described.get("parameters", []) if p["in"] == "path"}
        assert parameters == {name for name, _type in operation.path_params}
        headers = {p["name"] for p in described.get("parameters", []) if p["in"] == "header"}
        assert headers == set(operation.headers)


def test_every_served_route_is_declared_or_one_of_the_hand_written_ones(document):
    declared_names = {named(operation) for operation in declared.OPERATIONS}
    loose = {name for name, klass in served().items()
             if name not in declared_names and name not in HAND_WRITTEN and klass not in NOT_YET_DECLARED}
    assert loose == set()
    documented = {f"{method.upper()} {path}" for path, operations in document["paths"].items() for method in operations}
    assert HAND_WRITTEN <= documented and declared_names <= documented


def test_the_audit_of_an_operation_names_an_id_it_has():
    for operation in declared.OPERATIONS:
        if operation.audit is None or operation.audit.id_from is None:  # none, or on no one object
            continue
        answer = operation.output().fields if operation.output else {}
        answer_fields = {field.data_key or name for name, field in answer.items()}
        if "{" in operation.audit.id_from:  # a text made of the answer's fields, or the query's or path's
            names = set(re.findall(r"{(\w+)", operation.audit.id_from)) - {"query", "path"}
            asked = set(re.findall(r"{query\[(\w+)\]", operation.audit.id_from))
            assert names | asked, operation.operation_id
            assert names <= answer_fields, operation.operation_id
            assert asked <= set(operation.query().fields if operation.query else ()), operation.operation_id
            continue
        kind, _, name = operation.audit.id_from.partition(".")
        assert kind in ("path", "body", "answer"), operation.operation_id
        if kind == "path":
            assert name in dict(operation.path_params), operation.operation_id
        elif kind == "body":
            assert operation.input and name in operation.input().fields, operation.operation_id
        else:
            assert name in answer_fields, operation.operation_id
        assert set(re.findall(r"{(\w+)}", operation.audit.action)) <= dict(operation.path_params).keys()


# -- what the declaration mechanism does with a call, with the guard and the service replaced ----------------
class Note(StrictSchema):
    text = fields.String(required=True)


class Year(StrictSchema):
    year = fields.Integer(required=True)


class Saved(Schema):
    id = fields.String()


class FakeGuard:
    def __init__(self):
        self.audited, self.throttled = [], 0

    def require(self, _db, _request, rule):
        return Principal("staff", "u-1", "admin", name="ayse")

    def throttle(self, _request, principal=None):
        self.throttled += 1

    def audit(self, _db, _request, principal, action, kind=None, object_id=None, personal_data=False,
              outcome="allowed"):
        self.audited.append((action, kind, str(object_id), personal_data, outcome))


class FakeGateway:
    db = None

    def __init__(self, reply):
        self.guard, self.reply, self.calls = FakeGuard(), reply, []

    def _call(self, method, *args, service, **kwargs):
        self.calls.append((service, method, args, kwargs))
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply


def call(operation, reply, method="POST", path="/", body=None, headers=None, **path_values):
    gateway = FakeGateway(reply)
    request = Request(EnvironBuilder(method=method, path=path, json=body, headers=headers or {}).get_environ())
    response = declared.endpoint(operation)(gateway, request, **path_values)
    return gateway, response


def noted(**changes):
    return Operation(**{"method": "POST", "path": "/api/v1/notes", "service": "intake", "rpc": "note",
                        "rule": "application.submit", "summary": "Not", "operation_id": "addNote", "tag": "Test",
                        "args": ("body", "actor", "header.Idempotency-Key"), "input": Note, "output": Saved,
                        **changes})


def test_a_reply_seen_before_answers_200_a_new_one_the_declared_status_with_only_the_answer():
    operation = noted(status=201, answer_from="note", created_from="created", location="/api/v1/notes/{id}",
                      audit=Audit("note.add", "note", "answer.id"))
    for created, status in ((True, 201), (False, 200)):
        gateway, response = call(operation, {"note": {"id": "n-1"}, "created": created}, body={"text": "a"},
                                 headers={"Idempotency-Key": "k-1"})
        assert (response.status_code, json.loads(response.get_data())) == (status, {"id": "n-1"})
        assert response.headers["Location"] == "/api/v1/notes/n-1"
        assert gateway.calls[0][2] == ({"text": "a"}, {"id": "ayse", "kind": "staff", "role": "admin",
                                                       "directorate": None}, "k-1")
        assert gateway.guard.audited == [("note.add", "note", "n-1", False, "allowed")]


def test_a_header_past_its_length_is_refused_before_the_service_is_asked():
    with pytest.raises(ValidationFailed):
        call(noted(), {"id": "n-1"}, body={"text": "a"}, headers={"Idempotency-Key": "k" * 201})


def test_the_reply_says_whether_personal_data_was_read():
    operation = Operation("GET", "/api/v1/notes/{note_id}", "intake", "show_note", rule="application.read",
                          summary="Not", operation_id="getNote", tag="Test", args=("path.note_id",), output=Saved,
                          answer_from="note", audit=Audit("note.read", "note", "path.note_id",
                                                          personal_data="reply.identity_shown"))
    for shown in (True, False):
        gateway, _response = call(operation, {"note": {"id": "n-1"}, "identity_shown": shown}, method="GET",
                                  note_id="n-1")
        assert gateway.guard.audited == [("note.read", "note", "n-1", shown, "allowed")]


def test_a_refusal_on_the_object_by_the_service_is_audited_as_denied():
    operation = Operation("POST", "/api/v1/notes/{note_id}/{action}", "routing", "act", rule="case.act",
                          summary="Not", operation_id="actOnNote", tag="Test", args=("path.note_id", "path.action"),
                          params=(("action", ("open", "close")),), output=Saved,
                          audit=Audit("note.{action}", "note", "path.note_id"))
    gateway = FakeGateway(CaseActionNotAllowed("close"))
    request = Request(EnvironBuilder(method="POST", path="/").get_environ())
    with pytest.raises(CaseActionNotAllowed):
        declared.endpoint(operation)(gateway, request, note_id="n-1", action="close")
    assert gateway.guard.audited == [("note.close", "note", "n-1", False, "denied")]


def test_a_refusal_of_a_call_whose_id_would_come_from_the_answer_is_audited_as_denied_on_the_kind():
    operation = noted(audit=Audit("note.add", "note", "answer.id"))
    gateway = FakeGateway(CaseActionNotAllowed("add"))
    request = Request(EnvironBuilder(method="POST", path="/", json={"text": "a"}).get_environ())
    with pytest.raises(CaseActionNotAllowed):
        declared.endpoint(operation)(gateway, request)
    assert gateway.guard.audited == [("note.add", "note", "None", False, "denied")]


def test_a_call_on_no_one_object_is_audited_without_an_id_and_one_named_in_the_body_on_it():
    listed = Operation("GET", "/api/v1/notes", "intake", "find_notes", rule="application.read", summary="Notlar",
                       operation_id="findNotes", tag="Test", args=("query.year", "actor"), query=Year, output=Saved,
                       audit=Audit("note.search", "note", personal_data=True))
    gateway, _response = call(listed, {"id": "x"}, method="GET", path="/?year=2026")
    assert gateway.guard.audited == [("note.search", "note", "None", True, "allowed")]

    class Pair(StrictSchema):
        keep_id = fields.String(required=True)
        other_id = fields.String(required=True)

    merged = noted(args=("body.keep_id", "body.other_id"), input=Pair,
                   audit=Audit("note.merge", "note", "body.other_id"))
    gateway, _response = call(merged, {"id": "n-1"}, body={"keep_id": "n-1", "other_id": "n-2"})
    assert gateway.calls[0][2] == ("n-1", "n-2")
    assert gateway.guard.audited == [("note.merge", "note", "n-2", False, "allowed")]
    gateway = FakeGateway(CaseActionNotAllowed("merge"))
    body = {"keep_id": "n-1", "other_id": "n-2"}
    request = Request(EnvironBuilder(method="POST", path="/", json=body).get_environ())
    with pytest.raises(CaseActionNotAllowed):
        declared.endpoint(merged)(gateway, request)
    assert gateway.guard.audited == [("note.merge", "note", "n-2", False, "denied")]


def test_a_text_parameter_is_documented_with_its_pattern_or_values_and_another_refused_once_let_in():
    coded = Operation("PUT", "/api/v1/offices/{office}", "contacts", "set_office", rule="protocol.manage",
                      summary="Makam", operation_id="setOffice", tag="Test", args=("path.office",), output=Saved,
                      params=(("office", Text(pattern=r"^[a-z_]{2,20}$")),))
    named_ = Operation("PUT", "/api/v1/texts/{name}", "notify", "save", rule="templates.manage", summary="Şablon",
                       operation_id="saveText", tag="Test", args=("path.name",), output=Saved,
                       params=(("name", Text(enum=("sms.j2", "fee.body.j2"))),))
    assert describe(coded)["parameters"][0]["schema"] == {"type": "string", "maxLength": 200,
                                                          "pattern": r"^[a-z_]{2,20}$"}
    assert describe(named_)["parameters"][0]["schema"] == {"type": "string", "enum": ["sms.j2", "fee.body.j2"]}
    assert "422" in describe(coded)["responses"] and "422" in describe(named_)["responses"]
    urls = Map([Rule(declared.url_rule(named_), methods=["PUT"])]).bind("localhost")
    assert urls.match("/api/v1/texts/yok.j2", method="PUT")[1] == {"name": "yok.j2"}  # refused past the door
    gateway, response = call(coded, {"id": "ilce_muftusu"}, method="PUT", office="ilce_muftusu")
    assert response.status_code == 200 and gateway.calls[0][2] == ("ilce_muftusu",)
    for operation, value in ((coded, "İlçe Müftüsü"), (coded, "ab\n"), (named_, "yok.j2")):
        with pytest.raises(ValidationFailed):
            call(operation, {"id": "x"}, method="PUT", **{operation.path_params[0][0]: value})


def test_a_created_resource_documents_its_location():
    operation = noted(status=201, answer_from="note", created_from="created", location="/api/v1/notes/{id}")
    responses = describe(operation)["responses"]
    assert responses["201"]["headers"]["Location"]["required"] is True
    assert "Location" in responses["200"]["headers"]  # the original is answered with its address too
    assert "headers" not in describe(noted(status=201))["responses"]["201"]


def test_a_path_word_not_declared_and_a_number_out_of_range_are_no_route():
    words = Operation("POST", "/api/v1/notes/{note_id}/{action}", "routing", "act", rule="case.act", summary="Not",
                      operation_id="actOnNote", tag="Test", params=(("action", ("open", "close")),))
    numbered = Operation("DELETE", "/api/v1/rules/{rule_id}", "routing", "drop", rule="routing.manage",
                         summary="Kural", operation_id="dropRule", tag="Test", params=(("rule_id", "int"),))
    urls = Map([Rule(declared.url_rule(words), methods=["POST"]),
                Rule(declared.url_rule(numbered), methods=["DELETE"])]).bind("localhost")
    note = "/api/v1/notes/7c9e6679-7425-40de-944b-e07fc1f90ae7"
    assert urls.match(note + "/close", method="POST")[1]["action"] == "close"
    assert urls.match("/api/v1/rules/12", method="DELETE")[1] == {"rule_id": 12}
    for path, method in ((note + "/reopen", "POST"), ("/api/v1/rules/0", "DELETE"),
                         ("/api/v1/rules/2147483648", "DELETE")):
        with pytest.raises(NotFound):
            urls.match(path, method=method)


def test_a_public_operation_is_throttled_not_signed_in_and_documented_without_security():
    operation = Operation("GET", "/api/v1/preview", "routing", "preview", rule=PUBLIC, summary="Önizleme",
                          operation_id="preview", tag="Test", args=("actor",), output=Saved)
    gateway, response = call(operation, {"id": "x"}, method="GET")
    assert gateway.guard.throttled == 1 and gateway.calls[0][2] == (None,) and response.status_code == 200
    described = describe(operation)
    assert described["security"] == [] and set(described["responses"]) == {"200", "429", "503"}


def test_a_file_answer_goes_out_as_its_bytes_to_download_and_is_documented_as_such():
    operation = Operation("GET", "/api/v1/notes.csv", "routing", "notes_csv", rule="reports.read", summary="Notlar",
                          operation_id="notesCsv", tag="Test", file=("text/csv",), query=Year,
                          args=("query.year",), audit=Audit("notes.export", "report", "notes-{query[year]}"))
    reply = {"filename": "notlar.csv", "content_type": "text/csv; charset=utf-8",
             "content_base64": base64.b64encode(b"\xef\xbb\xbfNot;Say\xc4\xb1\r\n").decode()}
    gateway, response = call(operation, reply, method="GET", path="/?year=2026")
    assert gateway.calls[0][2] == (2026,) and gateway.guard.audited == [("notes.export", "report", "notes-2026",
                                                                         False, "allowed")]
    assert response.get_data() == b"\xef\xbb\xbfNot;Say\xc4\xb1\r\n"
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="notlar.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    assert describe(operation)["responses"]["200"]["content"] == {
        "text/csv": {"schema": {"type": "string", "format": "binary"}}}
