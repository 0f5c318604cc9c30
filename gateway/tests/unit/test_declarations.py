"""The route table, the role table and the API document held against each other, without starting the
system: every operation a service declares is served, authorised by a rule of the role table and
documented with its method, path, status and security; every route the gateway serves is declared, or is
one of the few hand-written ones listed here (or belongs to an area not moved onto declarations yet)."""
import re

import pytest

from gateway import declared, roles
from gateway.openapi import build_spec
from gateway.service import GatewayService

# the press area's routes that a declaration cannot say: files, public pages and feeds, intake's form
HAND_WRITTEN = {
    "POST /api/v1/press/requests",
    "GET /api/v1/press/clippings/{clipping_id}/scan",
    "GET /api/v1/press/digests/{day}.pdf",
    "GET /api/v1/press/releases/{release_id}/photos/{photo_id}",
    "GET /api/v1/press/publications/{publication_id}/distribution-list.csv",
    "GET /api/v1/press/issues/{issue_id}/pdf",
    "GET /api/v1/press/conferences/{event_id}/materials/{material_id}",
    "GET /press/board",
    "GET /press/releases.rss",
    "GET /api/v1/press/photos/{photo_id}",
    "GET /api/v1/press/issues/{issue_id}.pdf",
}
# route classes of the areas still written by hand, to be moved onto declarations area by area (issue 15)
NOT_YET_DECLARED = {"AuthRoutes", "ApplicationRoutes", "CaseRoutes", "NotificationRoutes", "Open311Routes",
                    "OperationsRoutes", "ContactRoutes", "ProtocolRoutes", "InvitationReplyRoutes",
                    "ReportRoutes", "RetentionRoutes", "KvkkRoutes"}


def served():
    """`{"METHOD /path": route class name}` of every `@http` entrypoint, paths in OpenAPI's notation."""
    found = {}
    for klass in GatewayService.__mro__:
        for member in vars(klass).values():
            for extension in getattr(member, "nameko_entrypoints", ()):
                if hasattr(extension, "url"):
                    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", extension.url)
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


def test_every_declared_operation_is_authorised_by_a_rule_of_the_role_table():
    unknown = {operation.operation_id: operation.rule for operation in declared.OPERATIONS
               if operation.rule not in roles.PERMISSIONS}
    assert unknown == {}


def test_every_declared_operation_is_documented_with_its_status_security_and_area(document):
    schemes = set(document["components"]["securitySchemes"])
    for operation in declared.OPERATIONS:
        described = document["paths"][operation.path][operation.method.lower()]
        assert described["operationId"] == operation.operation_id
        assert str(operation.status) in described["responses"]
        assert {"401", "403", "503"} <= set(described["responses"])
        assert [name for option in described["security"] for name in option] == list(operation.security)
        assert set(operation.security) <= schemes
        assert described["tags"] == [operation.tag]
        assert ("requestBody" in described) == (operation.input is not None)
        parameters = {p["name"] for p in described.get("parameters", []) if p["in"] == "path"}
        assert parameters == {name for name, _type in operation.path_params}


def test_every_served_route_is_declared_or_one_of_the_hand_written_ones(document):
    declared_names = {named(operation) for operation in declared.OPERATIONS}
    loose = {name for name, klass in served().items()
             if name not in declared_names and name not in HAND_WRITTEN and klass not in NOT_YET_DECLARED}
    assert loose == set()
    documented = {f"{method.upper()} {path}" for path, operations in document["paths"].items() for method in operations}
    assert HAND_WRITTEN <= documented and declared_names <= documented


def test_the_audit_of_an_operation_names_an_id_it_has():
    for operation in declared.OPERATIONS:
        if operation.audit is None:
            continue
        kind, _, name = operation.audit.id_from.partition(".")
        assert kind in ("path", "answer"), operation.operation_id
        if kind == "path":
            assert name in dict(operation.path_params), operation.operation_id
        else:
            assert name in operation.output().fields, operation.operation_id
