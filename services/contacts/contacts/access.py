"""Who may read and change the information bank (personal data: every call states its actor).

The gateway checks roles per route; contacts checks them again here, so no caller reaches personal
data by another door. `segment_members`, `event_audience`, `invitation_for_reply` and `reply_invitation`
take no actor on purpose: the first two are service-to-service reads (press), the last two are answered
by a signed link.
"""
from .exceptions import NotAllowed

WRITERS = frozenset({"admin", "pr_officer", "press_officer"})
READERS = WRITERS | {"mayor_office", "auditor"}


def _role(actor):
    return (actor or {}).get("role")


def may_read(actor):
    if _role(actor) not in READERS:
        raise NotAllowed("Bilgi bankasını görme yetkiniz yok.")
    return actor


def may_write(actor):
    if _role(actor) not in WRITERS:
        raise NotAllowed("Bilgi bankasında değişiklik yapma yetkiniz yok.")
    return actor


def actor_id(actor):
    """What is recorded as `created_by` / `changed_by`: the staff member's id."""
    return str((actor or {}).get("id") or "-")
