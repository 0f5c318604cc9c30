"""Asking the information bank (contacts) who to send something to, on a staff member's request: an
answer in time, or a clear error and nothing sent."""
import eventlet
from nameko.exceptions import UnknownService

from .exceptions import InvalidInput, NotAllowed, NotFound, Unavailable

UNAVAILABLE = "Bilgi bankası şu anda yanıt vermiyor; hiçbir şey gönderilmedi. Biraz sonra yeniden deneyin."


def ask(contacts_rpc, timeout, method, *args, missing=None):
    """`contacts_rpc.<method>(*args)`. contacts' refusals keep their kind (NotFound says `missing` when
    given); no answer within `timeout` seconds, or no contacts running, is Unavailable."""
    try:
        with eventlet.Timeout(timeout):
            return getattr(contacts_rpc, method)(*args)
    except (eventlet.Timeout, UnknownService):
        raise Unavailable(UNAVAILABLE) from None
    except NotFound as exc:  # contacts' errors arrive as the contract's classes
        raise NotFound(missing or str(exc)) from None
    except NotAllowed as exc:
        raise NotAllowed(str(exc)) from None
    except InvalidInput as exc:
        raise InvalidInput({"_schema": [str(exc)]}) from None


def mailable(people):
    """`[{"contact_id", "full_name", "email"}]` of those with an e-mail address, each address once (two
    records sharing a newsroom's mailbox get one message)."""
    seen, recipients = set(), []
    for person in people or ():
        email = (person.get("email") or "").strip()
        if email and email.lower() not in seen:
            seen.add(email.lower())
            recipients.append({"contact_id": str(person["contact_id"]), "full_name": person.get("full_name") or "",
                               "email": email})
    return recipients
