"""Errors notify reports to its callers besides those of one area (a template that does not render, a letter
already posted). The gateway maps each, by its path (`notify.exceptions.<Name>`), to one HTTP answer;
`args[0]` is safe to show: for `InvalidInput`, the field errors `{field: [Turkish messages]}`."""


class NotFound(Exception):
    """No such message, letter or subscription, or not the caller's (404)."""


class InvalidInput(Exception):
    """The call does not fit the schema notify declares for it (`contracts.notify_api`): `args[0]` is
    `{field: [messages]}` (422)."""
