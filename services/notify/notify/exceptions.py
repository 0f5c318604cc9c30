"""Errors notify reports to its callers: the contract's (`contracts.errors`); each carries its HTTP answer.
`args[0]`, when given, is what the caller is told: for `InvalidInput`, the field errors `{field: [messages]}`."""
from contracts.errors import InvalidInput, NotFound

__all__ = ["InvalidInput", "NotFound"]
