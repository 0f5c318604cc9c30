"""SMS through a provider's HTTP API, behind one small interface so that other providers fit.

The generic provider takes `POST <url>` with `{"to": "905321112233", "from": <sender>, "text": ...}`
and a bearer token, and answers 2xx with `{"id": ...}`. 4xx (but 401, 403 and 429) is a permanent
refusal of the message; 5xx, 401/403 (our configuration), 429 and network errors are temporary.
"""
import requests

from .failures import PermanentFailure, TemporaryFailure


def e164_digits(phone):
    """`+90 (532) 111 22 33` and `0532 111 22 33` -> `905321112233` (Türkiye when no country code)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("0"):
        digits = "90" + digits[1:]
    elif len(digits) == 10:
        digits = "90" + digits
    return digits


class HttpSmsProvider:
    def __init__(self, url, token, sender, timeout=10.0):
        self.url, self.token, self.sender, self.timeout = url, token, sender, timeout

    def send(self, phone, text):
        """The provider's message id; raises TemporaryFailure or PermanentFailure."""
        try:
            response = requests.post(self.url, json={"to": e164_digits(phone), "from": self.sender, "text": text},
                                     headers={"Authorization": f"Bearer {self.token}"}, timeout=self.timeout)
        except requests.RequestException as exc:
            raise TemporaryFailure(type(exc).__name__) from None
        if response.status_code in (401, 403, 429) or response.status_code >= 500:
            raise TemporaryFailure(f"{response.status_code} {response.text[:200]}")
        if response.status_code >= 400:
            raise PermanentFailure(f"{response.status_code} {response.text[:200]}")
        return str(response.json().get("id", "accepted"))
