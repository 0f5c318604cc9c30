"""A case's states and the transitions between them, as one table.

    triage ──assign──▶ assigned ──submit_answer──▶ answer_submitted ──approve──▶ answered ──close──▶ closed
       │                 │  ▲ transfer / extend        │      ▲                     (or awaiting_mayor
       └──forward──▶ forwarded ◀──forward──┘           └─return─┘                   ──approve──▶ answered)

An interim reply (3071: "the current stage of the work") is approved like an answer but leaves the
case assigned. Anything not in the table is refused with `InvalidTransition` (409 at the gateway).
"""

from contracts import errors
from contracts.routing_api import CASE_STATES as STATES, OPEN_STATES  # noqa: F401 (the vocabulary, defined once)

LABELS = {
    "triage": "Ön inceleme (halkla ilişkiler masası)", "assigned": "Müdürlükte", "answer_submitted": "Cevap onayda",
    "awaiting_mayor": "Başkanlık Makamı onayında", "answered": "Cevaplandı", "forwarded": "Başka kuruma gönderildi",
    "closed": "Kapandı",
}

# action -> {from state: to state}
TRANSITIONS = {
    "assign": {"triage": "assigned"},
    "transfer": {"assigned": "assigned"},
    "forward": {"triage": "forwarded", "assigned": "forwarded"},
    "extend": {"triage": "triage", "assigned": "assigned"},
    "fee_notice": {"assigned": "assigned"},
    "fee_paid": {"assigned": "assigned"},
    "submit_answer": {"assigned": "answer_submitted"},
    "return_answer": {"answer_submitted": "assigned", "awaiting_mayor": "assigned"},
    "approve_answer": {"answer_submitted": "answered", "awaiting_mayor": "answered"},
    "require_mayor": {"answer_submitted": "awaiting_mayor"},
    "approve_interim": {"answer_submitted": "assigned", "awaiting_mayor": "assigned"},
    "close": {"answered": "closed"},
}


InvalidTransition = errors.CaseInvalidTransition  # `args`: (action, current state) (409)


def next_state(state, action):
    try:
        return TRANSITIONS[action][state]
    except KeyError:
        raise InvalidTransition(action, state) from None


def allowed_actions(state):
    return sorted(action for action, moves in TRANSITIONS.items() if state in moves)
