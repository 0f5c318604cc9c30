"""Errors contacts reports to its callers: the contract's (`contracts.errors`), each carrying its HTTP answer.
`args[0]` is a Turkish sentence without personal data, or for `InvalidInput` the field errors
`{field: [Turkish messages]}` (also `.errors`)."""
from contracts.errors import Conflict, InvalidInput, NotAllowed, NotFound

__all__ = ["Conflict", "InvalidInput", "NotAllowed", "NotFound"]
