"""The OpenAPI document's part for the operations services declare (`gateway.declared.OPERATIONS`): each
operation's path, security, body, query, answer and error statuses, from its declaration. Schemas are
components under their class names (apispec's marshmallow plugin registers them as it meets them)."""
from contracts.api import HEADER_LIMITS, Text

from .declared import OPERATIONS
from .openapi_common import AUTH_ERRORS, JSON_BODY_ERRORS, json_body, op, path_param

PARAMETER_SCHEMAS = {"uuid": {"type": "string", "format": "uuid"},
                     "date": {"type": "string", "format": "date", "example": "2026-11-25"},
                     "string": {"type": "string", "maxLength": 200},
                     "int": {"type": "integer", "minimum": 1, "maximum": 2147483647}}
PUBLIC_ERRORS = ("429", "503")  # anyone may call: throttled, and the service may not answer


def parameter_schema(kind):
    if isinstance(kind, tuple):
        return {"type": "string", "enum": list(kind)}
    if isinstance(kind, Text):
        return kind.schema()
    return PARAMETER_SCHEMAS[kind]


def error_statuses(operation):
    """What the operation may answer besides success: the door's refusals always; 404 for an object named
    by its id, 422 for a path or query the service checks, the body's refusals, and what it declares."""
    types = {kind for _name, kind in operation.path_params}
    found = set(AUTH_ERRORS if operation.security else PUBLIC_ERRORS) | set(operation.errors)
    if "uuid" in types:
        found.add("404")
    if operation.query or types - {"uuid"}:
        found.add("422")
    if operation.input:
        found.update(JSON_BODY_ERRORS)
    return tuple(sorted(found))


def describe(operation):
    """The operation's OpenAPI object."""
    parameters = [path_param(name, parameter_schema(kind)) for name, kind in operation.path_params]
    if operation.query:
        parameters.append({"in": "query", "schema": operation.query})
    parameters += [{"name": name, "in": "header", "required": False,
                    "schema": {"type": "string", "maxLength": HEADER_LIMITS.get(name, 1000)}}
                   for name in operation.headers]
    title = operation.summary.split(" (")[0]
    if operation.status == 204:
        answer = {"description": title}
    elif operation.file:
        answer = {"description": title, "content": {kind: {"schema": {"type": "string", "format": "binary"}}
                                                    for kind in operation.file}}
    else:
        answer = json_body(operation.output, title)
    answers = {str(operation.status): answer}
    if operation.created_from:
        answers["200"] = json_body(operation.output, "Daha önce kaydedilmiş: ilk sonuç")
    if operation.location:  # sent with the original too
        for described in answers.values():
            described["headers"] = {"Location": {"description": "Kaydın adresi", "required": True,
                                                 "schema": {"type": "string", "format": "uri-reference"}}}
    security = [{name: [] for name in (scheme if isinstance(scheme, tuple) else (scheme,))}
                for scheme in operation.security]
    described = op(operation.summary, operation.operation_id, security, answers, error_statuses(operation),
                   body=operation.input, parameters=parameters or None)
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
