"""What each RPC accepts, checked at the service's edge with the schemas press declares for its operations
(`contracts.press_inputs`, the ones the gateway checks requests with): unknown fields and wrong types are
refused with Turkish field errors (`InvalidInput`), as the gateway shows them to the person."""
import uuid

from marshmallow import ValidationError

from contracts.press_inputs import PressDay

from .exceptions import InvalidInput, NotFound


def load(schema, data, partial=False):
    """`data` loaded through `schema` (a class); InvalidInput with the field errors otherwise."""
    try:
        return schema().load(data if data is not None else {}, partial=partial)
    except ValidationError as exc:
        raise InvalidInput(exc.normalized_messages()) from None


def identifier(value, what):
    """`value` as a UUID; a malformed id is simply an id that names nothing (NotFound)."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFound(f"{what} bulunamadı.") from None


def day(value):
    """A calendar day from "YYYY-MM-DD", between 1900 and 2100."""
    return load(PressDay, {"day": str(value)})["day"]
