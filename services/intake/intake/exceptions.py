"""Errors intake reports to its callers; the gateway maps each, by name, to one HTTP answer."""


class InvalidSubmission(Exception):
    """The submission does not fit the contract. `args[0]` is `{field: [messages]}`."""


class IdempotencyConflict(Exception):
    """The same Idempotency-Key was used earlier for a different request."""


class NotFound(Exception):
    """No such application (or the lookup code does not match: the caller cannot tell which)."""


class NotAllowed(Exception):
    """The actor's role may not do this, e.g. start a destruction run by hand (403). `args[0]` is a
    Turkish sentence, safe to show."""


class DestructionInProgress(Exception):
    """Another periodic destruction run is going on (409). `args[0]` is a Turkish sentence, safe to show."""
