"""One table from exception to HTTP answer (`application/problem+json`, RFC 9457).

Nothing else in the gateway decides a status code for an error, and no traceback or internal
message ever reaches a client: an exception not in the table is a 500 with a generic text and the
correlation id to quote to support.
"""
import psycopg2
from nameko.exceptions import RemoteError

from contracts.errors import SERVICE_ERRORS, ServiceError


class ApiError(Exception):
    """Raised by gateway code; `detail` is safe to show, `errors` holds field errors."""

    def __init__(self, detail=None, errors=None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


class Unauthenticated(ApiError):
    pass


class Forbidden(ApiError):
    pass


class MalformedRequest(ApiError):
    pass


class UnsupportedMediaType(ApiError):
    pass


class PayloadTooLarge(ApiError):
    pass


class RequestTimeout(ApiError):
    """The client did not send its request (headers or body) in time; the connection is closed."""


class RouteNotFound(ApiError):
    pass


class MethodNotAllowed(ApiError):
    pass


class UpstreamUnavailable(ApiError):
    pass


class ValidationFailed(ApiError):
    pass


class SignInFailed(ApiError):
    """Wrong user name or password (the answer never says which)."""


class TokenRejected(ApiError):
    """An access or refresh token that is missing, expired, revoked or forged."""


class SignatureRejected(ApiError):
    """A signed request whose signature, timestamp, nonce or key does not hold."""


class TooManyRequests(ApiError):
    def __init__(self, retry_after, detail=None):
        super().__init__(detail)
        self.retry_after = int(retry_after)


class AccountLocked(TooManyRequests):
    pass


# the gateway's own errors -> (status, slug, Turkish title); a service's error carries its own (contracts.errors)
PROBLEMS = {
    MalformedRequest: (400, "malformed-request", "İstek okunamadı"),
    Unauthenticated: (401, "unauthenticated", "Kimlik doğrulanamadı"),
    SignInFailed: (401, "sign-in-failed", "Kullanıcı adı veya parola hatalı"),
    TokenRejected: (401, "token-rejected", "Oturum geçersiz veya süresi dolmuş; yeniden giriş yapın"),
    SignatureRejected: (401, "signature-rejected", "İstek imzası doğrulanamadı"),
    Forbidden: (403, "forbidden", "Bu işlem için yetkiniz yok"),
    RouteNotFound: (404, "not-found", "Böyle bir adres yok"),
    MethodNotAllowed: (405, "method-not-allowed", "Bu adres bu yöntemi desteklemiyor"),
    RequestTimeout: (408, "request-timeout", "İstek zamanında gönderilmedi"),
    PayloadTooLarge: (413, "payload-too-large", "İstek gövdesi çok büyük"),
    UnsupportedMediaType: (415, "unsupported-media-type", "İstek gövdesi application/json olmalı"),
    TooManyRequests: (429, "too-many-requests", "Çok fazla istek; lütfen biraz bekleyin"),
    AccountLocked: (429, "account-locked", "Çok sayıda hatalı giriş; hesap geçici olarak kilitlendi"),
    ValidationFailed: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    UpstreamUnavailable: (503, "unavailable", "Hizmet şu an yanıt veremiyor, lütfen biraz sonra tekrar deneyin"),
    **{cls: (cls.status, cls.slug, cls.title) for cls in SERVICE_ERRORS},
}
INTERNAL = (500, "internal-error", "Beklenmeyen bir hata oluştu")
# a service that could not reach its database or broker: worth trying again shortly
TRANSIENT_REMOTE_ERRORS = {"OperationalError", "InterfaceError", "ConnectionError", "TimeoutError"}
PROBLEM_BASE = "https://gaziemir.bel.tr/problems/"


def problem_for(exc, correlation_id=None):
    """`(status, body)` for an exception, from the table above."""
    if isinstance(exc, RemoteError) and exc.exc_type in TRANSIENT_REMOTE_ERRORS:
        exc = UpstreamUnavailable()
    if isinstance(exc, (psycopg2.OperationalError, psycopg2.InterfaceError)):  # the gateway's own database
        exc = UpstreamUnavailable()
    status, slug, title = PROBLEMS.get(type(exc), INTERNAL)
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status}
    if isinstance(exc, ApiError) and exc.detail:
        body["detail"] = exc.detail
    if isinstance(exc, ApiError) and exc.errors:
        body["errors"] = exc.errors
    if isinstance(exc, ServiceError) and exc.args and exc.args[0]:  # the field errors, or a sentence to show
        if isinstance(exc.args[0], dict):
            body["errors"] = exc.args[0]
        else:
            body["detail"] = str(exc)
    if correlation_id:
        body["correlation_id"] = correlation_id
    return status, body
