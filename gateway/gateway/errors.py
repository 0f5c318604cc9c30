"""One table from exception to HTTP answer (`application/problem+json`, RFC 9457).

Nothing else in the gateway decides a status code for an error, and no traceback or internal
message ever reaches a client: an exception not in the table is a 500 with a generic text and the
correlation id to quote to support.
"""
from nameko.exceptions import RemoteError
from nameko.exceptions import registry as remote_error_registry


def remote_error(path):
    """Raise this class at the caller when the remote service raised the class at `path`
    (nameko otherwise hands back a generic RemoteError)."""

    def register(cls):
        remote_error_registry[path] = cls
        return cls

    return register


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


# Errors raised by services over RPC arrive as these, by the remote class's path.
@remote_error("intake.exceptions.InvalidSubmission")
class InvalidSubmission(Exception):
    pass


@remote_error("intake.exceptions.IdempotencyConflict")
class IdempotencyConflict(Exception):
    pass


@remote_error("intake.exceptions.NotFound")
class NotFound(Exception):
    pass


@remote_error("intake.exceptions.NotAllowed")
class IntakeNotAllowed(Exception):
    pass


@remote_error("intake.exceptions.DestructionInProgress")
class DestructionInProgress(Exception):
    pass


@remote_error("routing.directory.RuleNotFound")  # a routing rule number that names no active rule
@remote_error("routing.cases.CaseNotFound")
class CaseNotFound(Exception):
    pass


@remote_error("routing.access.NotAllowed")
class CaseActionNotAllowed(Exception):
    pass


@remote_error("routing.states.InvalidTransition")
class InvalidTransition(Exception):
    def __str__(self):
        action, state = (list(self.args) + ["?", "?"])[:2]
        return f"'{state}' durumundaki dosyada '{action}' yapılamaz."


@remote_error("routing.inputs.InvalidInput")  # a field of a declared input (`contracts.routing_api`)
@remote_error("routing.cases.InvalidAnswer")
class InvalidCaseInput(Exception):
    pass


@remote_error("routing.clock.ExtensionRefused")
class ExtensionRefused(Exception):
    pass


@remote_error("routing.clock.UnknownType")
class UnknownApplicationType(Exception):
    pass


@remote_error("routing.deadlines.UnknownDirectorate")
class UnknownDirectorate(Exception):
    pass


@remote_error("notify.webhooks.InvalidSubscription")
class InvalidSubscription(Exception):
    pass


@remote_error("notify.messages.InvalidTemplate")
class InvalidTemplate(Exception):
    pass


# notify's errors (`notify.exceptions`): no such message, letter or subscription of the caller's; the field
# errors of a call that does not fit notify's declared schema
@remote_error("notify.exceptions.NotFound")
class NotifyNotFound(Exception):
    pass


@remote_error("notify.exceptions.InvalidInput")
class InvalidNotifyInput(Exception):
    pass


@remote_error("notify.post_room.AlreadyPosted")
class AlreadyPosted(Exception):
    pass


# contacts' errors (`contacts.exceptions`): args[0] is a Turkish sentence without personal data, or for
# InvalidInput the field errors `{field: [messages]}`
@remote_error("contacts.exceptions.NotFound")
class ContactNotFound(Exception):
    pass


@remote_error("contacts.exceptions.NotAllowed")
class ContactNotAllowed(Exception):
    pass


@remote_error("contacts.exceptions.InvalidInput")
class InvalidContactInput(Exception):
    pass


@remote_error("contacts.exceptions.Conflict")
class ContactConflict(Exception):
    pass


# press's errors (`press.exceptions`): args[0] is a Turkish sentence, or the field errors, safe to show
@remote_error("press.exceptions.NotFound")
class PressNotFound(Exception):
    pass


@remote_error("press.exceptions.NotAllowed")
class PressNotAllowed(Exception):
    pass


@remote_error("press.exceptions.InvalidInput")
class InvalidPressInput(Exception):
    pass


@remote_error("press.exceptions.InvalidTransition")
class PressInvalidTransition(Exception):
    pass


@remote_error("press.exceptions.Unavailable")
class PressUnavailable(Exception):
    """A service press needed (the information bank) did not answer; press did nothing (503, Retry-After)."""


# exception class -> (status, slug, Turkish title)
PROBLEMS = {
    MalformedRequest: (400, "malformed-request", "İstek okunamadı"),
    Unauthenticated: (401, "unauthenticated", "Kimlik doğrulanamadı"),
    SignInFailed: (401, "sign-in-failed", "Kullanıcı adı veya parola hatalı"),
    TokenRejected: (401, "token-rejected", "Oturum geçersiz veya süresi dolmuş; yeniden giriş yapın"),
    SignatureRejected: (401, "signature-rejected", "İstek imzası doğrulanamadı"),
    Forbidden: (403, "forbidden", "Bu işlem için yetkiniz yok"),
    NotFound: (404, "not-found", "Kayıt bulunamadı"),
    CaseNotFound: (404, "not-found", "Kayıt bulunamadı"),
    NotifyNotFound: (404, "not-found", "Kayıt bulunamadı"),
    AlreadyPosted: (409, "already-posted", "Bu mektubun postaya verildiği zaten kayıtlı"),
    ContactNotFound: (404, "not-found", "Kayıt bulunamadı"),
    ContactNotAllowed: (403, "forbidden", "Bu işlem için yetkiniz yok"),
    InvalidContactInput: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    ContactConflict: (409, "conflict", "Kaydın şimdiki durumu bu işleme izin vermiyor"),
    CaseActionNotAllowed: (403, "forbidden", "Bu işlem için yetkiniz yok"),
    InvalidTransition: (409, "invalid-transition", "Dosyanın şimdiki durumunda bu işlem yapılamaz"),
    RouteNotFound: (404, "not-found", "Böyle bir adres yok"),
    MethodNotAllowed: (405, "method-not-allowed", "Bu adres bu yöntemi desteklemiyor"),
    IdempotencyConflict: (409, "idempotency-conflict",
                          "Bu Idempotency-Key daha önce başka bir istek için kullanıldı"),
    RequestTimeout: (408, "request-timeout", "İstek zamanında gönderilmedi"),
    PayloadTooLarge: (413, "payload-too-large", "İstek gövdesi çok büyük"),
    UnsupportedMediaType: (415, "unsupported-media-type", "İstek gövdesi application/json olmalı"),
    InvalidSubmission: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    IntakeNotAllowed: (403, "forbidden", "Bu işlem için yetkiniz yok"),
    DestructionInProgress: (409, "conflict", "Periyodik imha şu anda çalışıyor; bitince kayıtlarına bakın"),
    TooManyRequests: (429, "too-many-requests", "Çok fazla istek; lütfen biraz bekleyin"),
    AccountLocked: (429, "account-locked", "Çok sayıda hatalı giriş; hesap geçici olarak kilitlendi"),
    ValidationFailed: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    InvalidCaseInput: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    InvalidSubscription: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    InvalidTemplate: (422, "invalid-template", "Şablon geçersiz"),
    InvalidNotifyInput: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    ExtensionRefused: (422, "extension-refused", "Süre uzatılamaz"),
    UnknownApplicationType: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    UnknownDirectorate: (422, "unknown-directorate", "Böyle bir müdürlük yok"),
    UpstreamUnavailable: (503, "unavailable", "Hizmet şu an yanıt veremiyor, lütfen biraz sonra tekrar deneyin"),
    PressNotFound: (404, "not-found", "Kayıt bulunamadı"),
    PressNotAllowed: (403, "forbidden", "Bu işlem için yetkiniz yok"),
    InvalidPressInput: (422, "validation-failed", "Gönderilen veriler geçersiz"),
    PressInvalidTransition: (409, "invalid-transition", "Kaydın şimdiki durumunda bu işlem yapılamaz"),
    PressUnavailable: (503, "unavailable", "Bilgi bankası şu an yanıt veremiyor, lütfen biraz sonra tekrar deneyin"),
}
INTERNAL = (500, "internal-error", "Beklenmeyen bir hata oluştu")
# a service that could not reach its database or broker: worth trying again shortly
TRANSIENT_REMOTE_ERRORS = {"OperationalError", "InterfaceError", "ConnectionError", "TimeoutError"}
PROBLEM_BASE = "https://gaziemir.bel.tr/problems/"


def problem_for(exc, correlation_id=None):
    """`(status, body)` for an exception, from the table above."""
    if isinstance(exc, RemoteError) and exc.exc_type in TRANSIENT_REMOTE_ERRORS:
        exc = UpstreamUnavailable()
    status, slug, title = PROBLEMS.get(type(exc), INTERNAL)
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status}
    if isinstance(exc, ApiError) and exc.detail:
        body["detail"] = exc.detail
    if isinstance(exc, ApiError) and exc.errors:
        body["errors"] = exc.errors
    if isinstance(exc, (InvalidSubmission, InvalidCaseInput, InvalidSubscription, InvalidTemplate,
                        InvalidNotifyInput)) and exc.args:
        body["errors"] = exc.args[0]
    if isinstance(exc, (ExtensionRefused, UnknownApplicationType, InvalidTransition)) and exc.args:
        body["detail"] = str(exc) if isinstance(exc, InvalidTransition) else str(exc.args[0])
    if isinstance(exc, InvalidContactInput) and exc.args and isinstance(exc.args[0], dict):
        body["errors"] = exc.args[0]
    if isinstance(exc, (ContactNotFound, ContactNotAllowed, ContactConflict)) and exc.args:
        body["detail"] = str(exc.args[0])
    if isinstance(exc, InvalidPressInput) and exc.args:
        body["errors"] = exc.args[0]
    if isinstance(exc, (PressNotFound, PressNotAllowed, PressInvalidTransition, PressUnavailable)) and exc.args:
        body["detail"] = str(exc.args[0])
    if correlation_id:
        body["correlation_id"] = correlation_id
    return status, body
