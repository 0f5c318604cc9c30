"""Errors press reports to its callers: the contract's (`contracts.errors`), each carrying its HTTP answer.
`args[0]` is always safe to show: a Turkish sentence, or for `InvalidInput` the field errors
`{field: [Turkish messages]}`."""
from contracts.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from contracts.errors import InformationBankUnavailable as Unavailable  # the information bank did not answer

__all__ = ["InvalidInput", "InvalidTransition", "NotAllowed", "NotFound", "Unavailable"]
