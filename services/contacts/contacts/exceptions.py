"""Errors contacts reports to its callers; the gateway maps each, by its class path
(`contacts.exceptions.<Name>`), to one HTTP answer. Messages are Turkish and carry no personal data."""


class NotFound(Exception):
    """No such contact, role, segment, import, event or invitation (404)."""


class NotAllowed(Exception):
    """The actor's role may not do this (403). Directorates' staff read nothing of the information bank."""


class InvalidInput(Exception):
    """The input does not fit (422). `errors` (also `args[0]`) is `{field: [Turkish messages]}`."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


class Conflict(Exception):
    """The request contradicts the current state (409): a name taken, a role already ended, an
    invitation already answered otherwise, a seat blocked."""
