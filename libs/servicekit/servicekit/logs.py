"""Structured logs: one JSON object per line, with `correlation_id`, and no personal data.

Personal data (TC Kimlik No, phone, e-mail, address, message bodies) must never reach a log
(DESIGN.md §9). Code is expected not to log it; `redact()` is the net under that rule, applied to
every formatted message and traceback, because exception texts (a database's duplicate-key detail,
say) can carry values nobody chose to log. It works on decoded text: percent-encoding (a searched
`ayse%40example.org` in a URL) is undone first, so an encoded value is redacted like a plain one.
"""
import contextvars
import json
import logging
import re
from urllib.parse import unquote
from datetime import datetime, timezone

correlation_id = contextvars.ContextVar("correlation_id", default=None)

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<e-posta>"),
    (re.compile(r"(?<!\d)[1-9]\d{10}(?!\d)"), "<tckn>"),
    # a "+" also separates the groups: a query string's encoded space
    (re.compile(r"(?<![\w-])\+?(90)?[ +]?\(?0?5\d{2}\)?[ +-]?\d{3}[ +-]?\d{2}[ +-]?\d{2}(?!\d)"), "<telefon>"),
)
_PERCENT_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}")
# keys whose values are dropped wherever they appear in `extra=`
PERSONAL_KEYS = frozenset({
    "tc_kimlik_no", "tckn", "email", "phone", "postal_address", "address", "body", "full_name",
    "content_base64", "applicant",
})


def redact(text):
    for _ in range(3):  # encoded once, or twice (a URL inside a URL), or more: decoded up to three times
        if not _PERCENT_ENCODED.search(text):
            break
        text = unquote(text, errors="replace")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


_STANDARD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line; extra fields ride along unless they are personal."""

    def __init__(self, service=None, **kwargs):
        super().__init__(**kwargs)
        self.service = service

    def format(self, record):
        entry = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
            "correlation_id": getattr(record, "correlation_id", None) or correlation_id.get(),
        }
        if self.service:
            entry["service"] = self.service
        for key, value in vars(record).items():
            if key in _STANDARD_ATTRS or key == "correlation_id" or key.startswith("_"):
                continue
            entry[key] = "<gizli>" if key in PERSONAL_KEYS else value
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
