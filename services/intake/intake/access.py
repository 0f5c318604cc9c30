"""Who may see which application, and how much of it (the gateway checks the role per route; intake checks the
application itself). `actor` is the caller as the gateway passes it: `{"id", "kind", "role", "directorate"}`,
`kind` "staff" or "client" (another system, `id` its client id)."""
from .exceptions import NotAllowed

# staff who see every application; an API client sees what it submitted; a directorate none (its cases instead)
SEE_EVERY_APPLICATION = frozenset({"admin", "pr_officer", "auditor", "mayor_office"})
# the directorates' staff see an applicant who asked to stay hidden masked
DIRECTORATE_ROLES = frozenset({"directorate_staff", "directorate_head"})


def _staff_seeing_all(actor):
    return actor.get("kind") == "staff" and actor.get("role") in SEE_EVERY_APPLICATION


def check_may_see(actor, application):
    """`NotAllowed` unless staff who see every application, or the API client that submitted it."""
    if _staff_seeing_all(actor):
        return
    if actor.get("kind") == "client" and application["submitted_by"] == actor.get("id"):
        return
    raise NotAllowed("Bu başvuruyu göremezsiniz.")


def masks_hidden_applicant(actor):
    return actor.get("role") in DIRECTORATE_ROLES


def duplicates_viewer(actor):
    """Whose applications the duplicate hints may name: every one for staff who see every application (None),
    else only the caller's own (an API client never learns another's tracking numbers)."""
    return None if _staff_seeing_all(actor) else actor.get("id")
