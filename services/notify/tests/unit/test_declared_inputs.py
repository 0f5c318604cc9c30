"""What notify's operations take is checked by notify itself, with the schemas it declares for the gateway
(`contracts.notify_api`): a direct caller is refused as the gateway refuses, before anything is stored; whose
inbox a staff member reads is notify's own rule, from the actor."""
import pytest

from notify import inbox_view, post_room, templates_admin, webhooks
from notify.exceptions import InvalidInput, NotFound


class NoStore:
    """A store that must not be reached: the call is refused before."""

    def transaction(self):
        raise AssertionError("the store was reached")


def test_a_staff_member_reads_the_inbox_of_their_role_and_of_their_directorate():
    assert inbox_view.audiences({"id": "temizlikci", "role": "directorate_staff", "directorate": "temizlik-isleri"}) \
        == ["role:directorate_staff", "directorate:temizlik-isleri"]
    assert inbox_view.audiences({"id": "basinci", "role": "press_officer", "directorate": None}) \
        == ["role:press_officer"]


@pytest.mark.parametrize("limit", [0, 201, "çok"])
def test_an_inbox_page_out_of_bounds_is_refused(limit):
    with pytest.raises(InvalidInput) as refused:
        inbox_view.messages(NoStore(), {"id": "a", "role": "admin"}, False, limit)
    assert "limit" in refused.value.args[0]


def test_a_message_id_that_is_no_id_names_no_message():
    with pytest.raises(NotFound):
        inbox_view.mark_read(NoStore(), {"id": "a", "role": "admin"}, "../../etc")


def test_a_post_room_page_out_of_bounds_is_refused():
    with pytest.raises(InvalidInput) as refused:
        post_room.waiting(NoStore(), False, 501)
    assert "limit" in refused.value.args[0]


@pytest.mark.parametrize("content", ["", "x" * 20001, None])
def test_an_empty_or_overlong_template_is_refused_before_it_is_saved(content):
    with pytest.raises(InvalidInput) as refused:
        templates_admin.save(NoStore(), "receipt.subject.j2", content, {"id": "admin", "role": "admin"})
    assert "content" in refused.value.args[0]


def test_a_subscription_to_an_event_no_system_may_hear_is_refused_in_turkish():
    with pytest.raises(webhooks.InvalidSubscription) as refused:
        webhooks.subscribe(NoStore(), "anahtar", {"id": "portal", "role": "system"},
                           {"url": "https://portal.example/hook", "event_types": ["applicants_anonymised"]}, False)
    [reason] = refused.value.args[0]["event_types"]
    assert reason.startswith("Şunlardan biri ya da birkaçı olmalı: ") and "case_opened" in reason
