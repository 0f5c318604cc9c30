"""The gateway's routes for the operations services declare (`contracts.<service>_api.OPERATIONS`), built
when this module is imported: one `@http` method per operation, on a class the gateway service inherits
from (nameko finds entrypoints on class attributes). Each method does what its declaration says: the rule
through the Guard, the body and query through the declared schemas (unknown fields refused, field errors as
a 422), the RPC through `_call` (503 when the service does not answer in time), the audit, the answer.
"""
import re
import uuid
from datetime import date, datetime

from marshmallow import ValidationError
from werkzeug.wrappers import Response

from contracts import contacts_api, intake_api, notify_api, press_api, routing_api
from contracts.api import HEADER_LIMITS, PUBLIC, Text

from .downloads import file_response
from .errors import PROBLEMS, ValidationFailed
from .http import body_bytes, http, json_response
from .routes.common import actor, load, query_args

OPERATIONS = (press_api.OPERATIONS + contacts_api.OPERATIONS + intake_api.OPERATIONS + routing_api.OPERATIONS
              + notify_api.OPERATIONS)
WERKZEUG_CONVERTERS = {"uuid": "uuid", "date": "string", "string": "string", "int": "int(min=1, max=2147483647)"}


def _converter(kind):
    if isinstance(kind, tuple):  # the words the parameter may be; any other matches no route (404)
        return f"any({', '.join(kind)})"
    if isinstance(kind, Text):  # checked once the caller is let in (`_checked_path`)
        return "string"
    return WERKZEUG_CONVERTERS[kind]


def url_rule(operation):
    """The operation's path as werkzeug writes it: `{release_id}` → `<uuid:release_id>`."""
    types = dict(operation.path_params)
    return re.sub(r"{(\w+)}", lambda m: f"<{_converter(types[m.group(1)])}:{m.group(1)}>", operation.path)


def method_name(operation):
    """`addPressSource` → `add_press_source`."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation.operation_id).lower()


def jsonable(data):
    """Loaded data as it crosses the broker: days and moments as ISO 8601 text, ids as text."""
    if isinstance(data, dict):
        return {key: jsonable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [jsonable(item) for item in data]
    if isinstance(data, (date, datetime)):
        return data.isoformat()
    if isinstance(data, uuid.UUID):
        return str(data)
    return data


def _body(operation, request):
    if operation.body_optional and not body_bytes(request, operation.max_body):
        try:
            return operation.input().load({})
        except ValidationError as exc:
            raise ValidationFailed(errors=exc.messages) from None
    return load(operation.input, request, max_bytes=operation.max_body)


def _arguments(operation, sources):
    """The RPC's positional and keyword arguments, from the declaration's sources."""
    specs = [*operation.args, *dict(operation.kwargs).values()]
    specs += [inner for spec in specs if isinstance(spec, tuple) for inner in spec]
    taken = {kind: {spec.split(".", 1)[1] for spec in specs if isinstance(spec, str) and spec.startswith(kind + ".")}
             for kind in ("body", "query")}

    def value(spec):
        if isinstance(spec, tuple):
            return [value(inner) for inner in spec]
        if not isinstance(spec, str):
            return spec
        kind, _, name = spec.partition(".")
        if kind == "actor":
            return sources["actor"]
        if kind == "may":
            return sources["principal"].may(name)
        if kind == "header":
            return sources["headers"].get(name) or None
        if not name:  # the whole body or query, less what is taken field by field
            return {key: item for key, item in sources[kind].items() if key not in taken[kind]}
        return sources[kind].get(name)

    return [value(spec) for spec in operation.args], {name: value(spec) for name, spec in operation.kwargs}


def _headers(operation, request):
    """The headers the declaration reads, each within its length."""
    found = {name: request.headers.get(name) or None for name in operation.headers}
    for name, value in found.items():
        if value is not None and len(value) > HEADER_LIMITS.get(name, 1000):
            raise ValidationFailed(errors={name: [f"En fazla {HEADER_LIMITS.get(name, 1000)} karakter."]})
    return found


def _checked_path(operation, path):
    """The path's text parameters within what the document says they may be (`Text`), else a 422."""
    errors = {name: ["Geçerli bir değer değil."] for name, kind in operation.path_params
              if isinstance(kind, Text) and not kind.admits(path[name])}
    if errors:
        raise ValidationFailed(errors=errors)
    return path


def _audited_id(audit, sources, answer):
    if audit.id_from is None:  # a call on no one object
        return None
    if "{" in audit.id_from:
        return audit.id_from.format(**{**answer, "query": sources["query"], "path": sources["path"]})
    kind, _, name = audit.id_from.partition(".")
    return answer[name] if kind == "answer" else sources[kind][name]


def _denied_id(audit, sources):
    """The id a refusal is recorded on: the path's or body's; none when it would have come from the answer."""
    if audit.id_from and audit.id_from.partition(".")[0] in ("path", "body"):
        return _audited_id(audit, sources, {})
    return None


def _personal_data(audit, reply):
    if isinstance(audit.personal_data, str):  # "reply.<key>"
        return bool(reply[audit.personal_data.split(".", 1)[1]])
    return audit.personal_data


def _refused_on_object(exc):
    return PROBLEMS.get(type(exc), (None,))[0] == 403


def _status(operation, reply):
    if operation.created_from and not reply[operation.created_from]:
        return 200  # seen before: the original
    return operation.status


def endpoint(operation):
    """The `@http` method serving `operation`."""

    def serve(self, request, **path):
        if operation.rule is PUBLIC:
            self.guard.throttle(request)
            principal = None
        else:
            principal = self.guard.require(self.db, request, operation.rule)
        path = _checked_path(operation, {name: str(value) for name, value in path.items()})
        sources = {"path": path, "actor": principal and actor(principal), "principal": principal,
                   "headers": _headers(operation, request),
                   "body": jsonable(_body(operation, request)) if operation.input else {},
                   "query": jsonable(query_args(operation.query, request)) if operation.query else {}}
        args, kwargs = _arguments(operation, sources)
        audit = operation.audit
        try:
            reply = self._call(operation.rpc, *args, service=operation.service, **kwargs)
        except Exception as exc:
            if audit and _refused_on_object(exc):
                self.guard.audit(self.db, request, principal, audit.action.format(**path), audit.kind,
                                 _denied_id(audit, sources), outcome="denied")
            raise
        answer = reply[operation.answer_from] if operation.answer_from else reply
        if audit and (audit.only_if is None or answer.get(audit.only_if)):
            self.guard.audit(self.db, request, principal, audit.action.format(**path), audit.kind,
                             _audited_id(audit, sources, answer),
                             personal_data=_personal_data(audit, reply))
        if operation.status == 204:
            return Response(status=204)
        if operation.file:
            return file_response(answer, inline=operation.inline)
        headers = {"Location": operation.location.format(**answer)} if operation.location else None
        body = {operation.answer_key: answer} if operation.answer_key else answer
        return json_response(body, status=_status(operation, reply), headers=headers)

    serve.__name__ = method_name(operation)
    serve.__doc__ = f"{operation.summary} (`contracts` declaration {operation.operation_id})"
    return http(operation.method, url_rule(operation))(serve)


DeclaredRoutes = type("DeclaredRoutes", (), {method_name(operation): endpoint(operation) for operation in OPERATIONS})
