"""The OpenAPI document's part for the operations services declare (`gateway.declared.OPERATIONS`): each
operation's path, security, body, query, answer and error statuses, from its declaration. Schemas are
components under their class names (apispec's marshmallow plugin registers them as it meets them)."""
from .declared import OPERATIONS
from .openapi_common import AUTH_ERRORS, JSON_BODY_ERRORS, json_body, op, path_param

PARAMETER_SCHEMAS = {"uuid": {"type": "string", "format": "uuid"},
                     "date": {"type": "string", "format": "date", "example": "2026-11-25"},
                     "string": {"type": "string", "maxLength": 200}}


def error_statuses(operation):
    """What the operation may answer besides success: the door's refusals always; 404 for an object named
    by its id, 422 for a path or query the service checks, the body's refusals, and what it declares."""
    types = {kind for _name, kind in operation.path_params}
    found = set(AUTH_ERRORS) | set(operation.errors)
    if "uuid" in types:
        found.add("404")
    if operation.query or types - {"uuid"}:
        found.add("422")
    if operation.input:
        found.update(JSON_BODY_ERRORS)
    return tuple(sorted(found))


def describe(operation):
    """The operation's OpenAPI object."""
    parameters = [path_param(name, PARAMETER_SCHEMAS[kind]) for name, kind in operation.path_params]
    if operation.query:
        parameters.append({"in": "query", "schema": operation.query})
    title = operation.summary.split(" (")[0]
    answer = {"description": title} if operation.status == 204 else json_body(operation.output, title)
    described = op(operation.summary, operation.operation_id, [{scheme: []} for scheme in operation.security],
                   {str(operation.status): answer},
                   error_statuses(operation), body=operation.input, parameters=parameters or None)
    described["tags"] = [operation.tag]
    if operation.input and operation.body_optional and not operation.input().validate({}):
        described["requestBody"]["required"] = False  # a request without a body is read as {}
    return described


def add_paths(spec, operations=OPERATIONS):
    by_path = {}
    for operation in operations:
        by_path.setdefault(operation.path, {})[operation.method.lower()] = describe(operation)
    for path, described in by_path.items():
        spec.path(path=path, operations=described)
    for tag in sorted({operation.tag for operation in operations}):
        spec.tag({"name": tag})
