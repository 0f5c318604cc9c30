"""Who may do what to which case: the object-level rules (the gateway checks roles per route;
routing checks the case itself, inside the transaction that changes it)."""

SEE_ALL = frozenset({"admin", "pr_officer", "auditor", "mayor_office"})
DIRECTORATE_ROLES = frozenset({"directorate_staff", "directorate_head"})
DESK = frozenset({"admin", "pr_officer"})


class NotAllowed(Exception):
    """The actor may not do this to this case (403)."""


def _own_directorate(actor, case):
    return actor.get("role") in DIRECTORATE_ROLES and case["directorate"] is not None \
        and actor.get("directorate") == case["directorate"]


def may_view(actor, case):
    return actor.get("role") in SEE_ALL or _own_directorate(actor, case)


RULES = {
    "assign": lambda actor, case: actor["role"] in DESK,
    "forward": lambda actor, case: actor["role"] in DESK,
    "close": lambda actor, case: actor["role"] in DESK,
    "transfer": lambda actor, case: actor["role"] in DESK or (
        actor["role"] == "directorate_head" and _own_directorate(actor, case)),
    "extend": lambda actor, case: actor["role"] in DESK or _own_directorate(actor, case),
    "fee_notice": lambda actor, case: actor["role"] in DESK or _own_directorate(actor, case),
    "fee_paid": lambda actor, case: actor["role"] in DESK or _own_directorate(actor, case),
    "submit_answer": lambda actor, case: actor["role"] in DESK or _own_directorate(actor, case),
    "review_answer": lambda actor, case: REVIEWERS.get(case["state"], lambda _actor: True)(actor),
}
# who reviews an answer at each step; in any other state the state machine answers (409)
REVIEWERS = {
    "answer_submitted": lambda actor: actor["role"] in DESK,
    "awaiting_mayor": lambda actor: actor["role"] == "mayor_office",
}


def check(actor, case, action):
    if not RULES[action](actor, case):
        raise NotAllowed(action)
