"""Who may do what in the press office. Reading is for any staff the gateway lets through; writing
is the press service's (and the administrator's); the mayor's office alone approves or returns a
release."""
from .exceptions import NotAllowed

WRITERS = frozenset({"press_officer", "admin"})
APPROVERS = frozenset({"mayor_office"})

_WHAT = {WRITERS: "Bu işlemi yalnızca basın servisi yapabilir.",
         APPROVERS: "Basın bültenini yalnızca Başkanlık Makamı onaylayabilir ya da iade edebilir."}


def require(actor, roles):
    """The actor's id (for the record) when their role is one of `roles`; NotAllowed otherwise."""
    role = actor.get("role") if isinstance(actor, dict) else None
    if role not in roles:
        raise NotAllowed(_WHAT.get(roles, "Bu işlem için yetkiniz yok."))
    return actor_name(actor)


def actor_name(actor):
    return str(actor.get("id") or actor.get("role") or "-")
