"""What stays of a channel's recorded answer once the applicant's personal data is destroyed."""
import pytest

from notify.retention import DETAIL_DESTROYED, redacted_answer
from notify.storage_retention import REASON


@pytest.mark.parametrize("answer, kept", [
    (None, None),
    ("250 accepted", "250 accepted"),  # notify's own answers carry nothing of the applicant
    ("postaya verildi", "postaya verildi"),
    (REASON, REASON),
    ("200", "200"),  # a webhook endpoint's status
    ("550 5.1.1 <ayse.yilmaz@example.org>: Recipient address rejected", f"550 ({DETAIL_DESTROYED})"),
    ("400 {\"error\": \"invalid number 905321110000\"}", f"400 ({DETAIL_DESTROYED})"),
    ("421 4.7.0 try again later (8 deneme)", f"421 ({DETAIL_DESTROYED})"),
    ("TimeoutError: timed out talking to ayse.yilmaz@example.org", DETAIL_DESTROYED),
    ("sms-7f3a9c", DETAIL_DESTROYED),  # a provider's message id leads back to the number
    ("5501 is not a status", DETAIL_DESTROYED),
])
def test_only_a_status_code_or_notify_s_own_words_remain(answer, kept):
    assert redacted_answer(answer) == kept


def test_nothing_of_the_address_survives_in_any_answer():
    for answer in ("550 <ayse.yilmaz@example.org> unknown", "ayse.yilmaz@example.org", "0532 111 22 33 geçersiz"):
        redacted = redacted_answer(answer)
        assert "ayse" not in redacted and "532" not in redacted
