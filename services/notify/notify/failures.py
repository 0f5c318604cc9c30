"""How a channel's failure is judged: temporary ones are tried again later, permanent ones reported."""


class TemporaryFailure(Exception):
    """Worth trying again: the server or provider is away, busy, or not configured right yet."""


class PermanentFailure(Exception):
    """Refused for good: the address or the message is wrong."""


class UnfitFile(PermanentFailure):
    """A file to attach is not what its declared type says: nothing goes out with it."""
