"""A journalist's question or interview request (`contracts.press_inputs.PressRequest`), taken in as an
application of the `basin` channel: routed by its category, due in the press service's working days; the
answer goes back to the journalist's e-mail once the mayor's office approved it."""
from marshmallow import ValidationError

from contracts.press_inputs import PressRequest

from .exceptions import InvalidSubmission

CHANNEL = "basin"


def as_submission(form):
    """The journalist's form, checked, as intake's submission (`contracts.inbound.ApplicationSubmissionSchema`)."""
    try:
        form = PressRequest().load(form if form is not None else {})
    except ValidationError as exc:
        raise InvalidSubmission(exc.normalized_messages()) from None
    journalist = form["journalist"]
    return {
        "channel": CHANNEL, "type": form["type"], "subject": form["subject"],
        "body": f"Yayın kuruluşu: {form['outlet']}\n\n{form['question']}",
        "applicant": {"full_name": journalist["full_name"], "email": journalist["email"],
                      "preferred_reply_channel": "email",
                      **({"phone": journalist["phone"]} if journalist.get("phone") else {})},
        **({"category": form["category"]} if form.get("category") else {}),
    }
