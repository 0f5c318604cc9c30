"""Who may do what to which case: the object-level rules (the gateway checks roles per route;
routing checks the case itself, inside the transaction that changes it)."""
from contracts import errors

SEE_ALL = frozenset({"admin", "pr_officer", "auditor", "mayor_office"})
DIRECTORATE_ROLES = frozenset({"directorate_staff", "directorate_head"})
DESK = frozenset({"admin", "pr_officer"})
PRESS_DESK, PRESS_CHANNEL = "press_officer", "basin"


NotAllowed = errors.NotAllowed  # the actor may not do this to this case (403)


def _own_directorate(actor, case):
    return actor.get("role") in DIRECTORATE_ROLES and case["directorate"] is not None \
        and actor.get("directorate") == case["directorate"]


def _desk(actor, case):
    """The public relations desk, or the press service for the press's requests."""
    return actor.get("role") in DESK or (actor.get("role") == PRESS_DESK and case.get("channel") == PRESS_CHANNEL)


def may_view(actor, case):
    return actor.get("role") in SEE_ALL or _own_directorate(actor, case) or _desk(actor, case)


RULES = {
    "assign": _desk,
    "forward": _desk,
    "close": _desk,
    "transfer": lambda actor, case: _desk(actor, case) or (
        actor["role"] == "directorate_head" and _own_directorate(actor, case)),
    "extend": lambda actor, case: _desk(actor, case) or _own_directorate(actor, case),
    "fee_notice": lambda actor, case: _desk(actor, case) or _own_directorate(actor, case),
    "fee_paid": lambda actor, case: _desk(actor, case) or _own_directorate(actor, case),
    "submit_answer": lambda actor, case: _desk(actor, case) or _own_directorate(actor, case),
    "review_answer": lambda actor, case: REVIEWERS.get(case["state"], lambda _actor, _case: True)(actor, case),
}
# who reviews an answer at each step; in any other state the state machine answers (409)
REVIEWERS = {
    "answer_submitted": _desk,
    "awaiting_mayor": lambda actor, case: actor["role"] == "mayor_office",
}


def check(actor, case, action):
    if not RULES[action](actor, case):
        raise NotAllowed()
