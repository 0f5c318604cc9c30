"""Errors intake reports to its callers: the contract's (`contracts.errors`), under the names intake's code
uses. Each carries its HTTP answer; `args[0]`, when given, is what the caller is told."""
from contracts.errors import DestructionInProgress, IdempotencyConflict, NotAllowed, NotFound
from contracts.errors import InvalidInput as InvalidSubmission  # args[0]: {field: [messages]}

__all__ = ["DestructionInProgress", "IdempotencyConflict", "InvalidSubmission", "NotAllowed", "NotFound"]
