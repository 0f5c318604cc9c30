"""What the route modules share: reading a request into a schema, and who the caller is to the services."""
from marshmallow import RAISE, ValidationError

from ..errors import ValidationFailed
from ..http import read_json
from ..security import Principal


def load(schema_cls, request, max_bytes=16 * 1024):
    """The JSON body, validated: unknown fields refused, field errors as a 422."""
    try:
        return schema_cls(unknown=RAISE).load(read_json(request, max_bytes=max_bytes))
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None


def query_args(schema_cls, request):
    """The query string, validated."""
    try:
        return schema_cls().load(request.args.to_dict())
    except ValidationError as exc:
        raise ValidationFailed(errors=exc.messages) from None


def actor(principal):
    """Who acts, as the owning service checks it against the object; `kind` "staff", "client" (another system,
    `id` its client id) or "screen"."""
    return {"id": principal.name or principal.id, "kind": principal.kind, "role": principal.role,
            "directorate": principal.directorate}


def named(username, user=None):
    """The actor of a sign-in attempt, for the audit log."""
    if user is None:
        return Principal("anonymous", username[:100], "-")
    return Principal("staff", str(user["id"]), user["role"], user["directorate"], name=username)
