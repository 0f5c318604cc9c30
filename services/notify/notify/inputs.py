"""What each RPC the gateway calls accepts, checked at notify's edge with the schemas notify declares for its
operations (`contracts.notify_api`, the ones the gateway checks requests with), so a direct caller is
refused as the gateway refuses."""
import uuid

from marshmallow import ValidationError

from .exceptions import InvalidInput, NotFound


def load(schema, data):
    """`data` loaded through `schema` (a class); InvalidInput with the field errors otherwise."""
    try:
        return schema().load(data if data is not None else {})
    except ValidationError as exc:
        raise InvalidInput(exc.normalized_messages()) from None


def identifier(value):
    """`value` as a UUID's text; a malformed id is simply an id that names nothing (NotFound)."""
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise NotFound() from None

