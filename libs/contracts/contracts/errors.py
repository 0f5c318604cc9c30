"""The errors services answer their callers with, declared once: each class carries its HTTP meaning
(status, problem slug, Turkish title), and the gateway answers any of them by that alone.

Services raise these classes themselves (not subclasses of their own): nameko sends an error over the
broker under its class's module path, and this module registers each class under its path, so the
caller gets the same class back. `args[0]` is what the caller is told: the field errors
`{field: [Turkish messages]}` or a Turkish sentence without personal data; raise without arguments
when there is nothing to tell (an identifier the caller sent is not repeated back).
"""
from nameko.exceptions import get_module_path
from nameko.exceptions import registry as remote_error_registry


class ServiceError(Exception):
    status, slug, title = 500, "internal-error", "Beklenmeyen bir hata oluştu"


class NotFound(ServiceError):
    """No such thing, or not the caller's: the answer does not say which (404)."""
    status, slug, title = 404, "not-found", "Kayıt bulunamadı"


class NotAllowed(ServiceError):
    """The actor's role may not do this (403)."""
    status, slug, title = 403, "forbidden", "Bu işlem için yetkiniz yok"


class InvalidInput(ServiceError):
    """The input does not fit (422): `args[0]` is `{field: [messages]}`, or a Turkish sentence."""
    status, slug, title = 422, "validation-failed", "Gönderilen veriler geçersiz"

    @property
    def errors(self):
        return self.args[0] if self.args and isinstance(self.args[0], dict) else None

    def __str__(self):
        if self.errors is None:
            return super().__str__()
        return "Gönderilen veriler geçersiz: " + "; ".join(
            f"{field}: {' '.join(map(str, messages)) if isinstance(messages, list) else messages}"
            for field, messages in self.errors.items())


class Conflict(ServiceError):
    """The request contradicts the current state, e.g. a name taken or an invitation answered otherwise (409)."""
    status, slug, title = 409, "conflict", "Kaydın şimdiki durumu bu işleme izin vermiyor"


class InvalidTransition(ServiceError):
    """The thing's state does not allow this now (409)."""
    status, slug, title = 409, "invalid-transition", "Kaydın şimdiki durumunda bu işlem yapılamaz"


class Unavailable(ServiceError):
    """A service this one needed did not answer; nothing was done (503, worth trying again shortly)."""
    status, slug, title = 503, "unavailable", "Hizmet şu an yanıt veremiyor, lütfen biraz sonra tekrar deneyin"


# the few with an answer of their own
class IdempotencyConflict(ServiceError):
    """The same Idempotency-Key was used earlier for a different request (intake)."""
    status, slug, title = 409, "idempotency-conflict", "Bu Idempotency-Key daha önce başka bir istek için kullanıldı"


class DestructionInProgress(ServiceError):
    """Another periodic destruction run is going on (intake)."""
    status, slug, title = 409, "conflict", "Periyodik imha şu anda çalışıyor; bitince kayıtlarına bakın"


class CaseInvalidTransition(InvalidTransition):
    """`args`: (action, current state) of a case (routing)."""
    title = "Dosyanın şimdiki durumunda bu işlem yapılamaz"

    def __str__(self):
        action, state = (list(self.args) + ["?", "?"])[:2]
        return f"'{state}' durumundaki dosyada '{action}' yapılamaz."


class ExtensionRefused(ServiceError):
    """A 4982 extension the law does not allow; `args[0]` says why (routing)."""
    status, slug, title = 422, "extension-refused", "Süre uzatılamaz"

    def __init__(self, message=None, last_allowed_day=None):
        super().__init__(*(() if message is None else (message,)))
        self.last_allowed_day = last_allowed_day  # for routing itself; it does not cross the broker


class UnknownDirectorate(ServiceError):
    """No directorate has this code (routing)."""
    status, slug, title = 422, "unknown-directorate", "Böyle bir müdürlük yok"


class InvalidTemplate(InvalidInput):
    """A message template that does not render; `args[0]` is `{field: [messages]}` (notify)."""
    slug, title = "invalid-template", "Şablon geçersiz"


class AlreadyPosted(ServiceError):
    """The letter's posting is already recorded (notify)."""
    status, slug, title = 409, "already-posted", "Bu mektubun postaya verildiği zaten kayıtlı"


class InformationBankUnavailable(Unavailable):
    """The information bank (contacts) did not answer press; press did nothing."""
    title = "Bilgi bankası şu an yanıt veremiyor, lütfen biraz sonra tekrar deneyin"


def _all(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all(sub)


SERVICE_ERRORS = (ServiceError, *_all(ServiceError))
for _cls in SERVICE_ERRORS:
    remote_error_registry[get_module_path(_cls)] = _cls
