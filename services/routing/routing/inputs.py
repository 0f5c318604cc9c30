"""What each RPC the gateway offers accepts, checked at routing's edge with the schemas routing declares for its
operations (`contracts.routing_api`, the ones the gateway checks requests with): a direct caller meets the same
refusals, with the same Turkish field errors."""
from marshmallow import ValidationError

from contracts import errors

MAX_RULE_ID = 2**31 - 1


InvalidInput = errors.InvalidInput  # `args[0]`: {field: [Turkish messages]} (422)


def load(schema, data):
    """`data` loaded through `schema` (a class); `InvalidInput` with the field errors otherwise."""
    try:
        return schema().load(data if data is not None else {})
    except ValidationError as exc:
        raise InvalidInput(exc.normalized_messages()) from None


def rule_id(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= MAX_RULE_ID:
        raise InvalidInput({"rule_id": [f"1 ile {MAX_RULE_ID} arasında bir sayı olmalı."]})
    return number
