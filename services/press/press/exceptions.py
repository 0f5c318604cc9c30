"""Errors press reports to its callers. The gateway maps each, by its path (`press.exceptions.<Name>`),
to one HTTP answer; `args[0]` is always safe to show: a Turkish sentence, or for `InvalidInput` the
field errors `{field: [Turkish messages]}`."""


class NotFound(Exception):
    """No such clipping, release, source, publication … (404)."""


class NotAllowed(Exception):
    """The actor's role may not do this (403)."""


class InvalidInput(Exception):
    """The request does not fit: `args[0]` is `{field: [messages]}` (422)."""

    def __str__(self):
        errors = self.args[0] if self.args else {}
        return "Gönderilen veriler geçersiz: " + "; ".join(
            f"{field}: {' '.join(map(str, messages)) if isinstance(messages, list) else messages}"
            for field, messages in (errors.items() if isinstance(errors, dict) else []))


class InvalidTransition(Exception):
    """The thing's state does not allow this now, e.g. approving a draft, sending an issue twice, an issue without
    its PDF or a publication without its list, or a second publication of the same title (409)."""


class Unavailable(Exception):
    """Another service press needs for this (the information bank) did not answer; nothing was done (503)."""
