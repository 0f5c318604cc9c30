"""Offices over time: after a local election the muhtar changes; the old role is ended, the new one
added, and both stay in the history. The upkeep queue and re-verification campaigns."""
import pytest

from contacts.exceptions import Conflict, InvalidInput

from .conftest import DESK, person, published

SARNIC = "Sarnıç Mahallesi"


@pytest.fixture
def old_muhtar(call):
    return call("create_contact", person("Hasan Kaya", category="muhtar", neighbourhood="Sarnıç",
                                         roles=[{"office": "Muhtarlar", "organisation_name": SARNIC,
                                                 "title": "Sarnıç Mahallesi Muhtarı", "started_on": "2019-04-08"}]),
                DESK)


def test_an_office_written_as_its_title_is_stored_as_its_precedence_code(old_muhtar):
    assert old_muhtar["roles"][0]["office"] == "muhtar"


def test_after_an_election_the_old_muhtar_keeps_the_ended_role_and_the_new_one_is_current(call, old_muhtar, amqp_uri):
    campaign = call("start_reverification", {"offices": ["muhtar"]}, "2024 yerel seçimleri", DESK)
    assert campaign == {"marked": 1, "reason": "2024 yerel seçimleri"}
    queue = call("stale_contacts", 365, DESK)
    assert queue["contacts"][0]["id"] == old_muhtar["id"]
    assert queue["contacts"][0]["verification_due_reason"] == "2024 yerel seçimleri"

    [role] = old_muhtar["roles"]
    ended = call("end_role", role["id"], "2024-04-07", DESK)
    new = call("create_contact", person("Elif Aydın", category="muhtar", neighbourhood="Sarnıç"), DESK)
    new = call("add_role", new["id"], {"office": "muhtar", "organisation_name": SARNIC,
                                       "title": "Sarnıç Mahallesi Muhtarı", "started_on": "2024-04-08"}, DESK)

    assert [(r["office"], r["started_on"], r["ended_on"]) for r in ended["roles"]] == [
        ("muhtar", "2019-04-08", "2024-04-07")]
    shown = call("get_contact", old_muhtar["id"], DESK)
    assert shown["roles"] == ended["roles"]  # the history is still there
    assert [(r["office"], r["ended_on"]) for r in new["roles"]] == [("muhtar", None)]
    # "who is the muhtar of Sarnıç" now answers with the new one only
    current = call("search_contacts", "", {"office": "muhtar", "neighbourhood": "Sarnıç"}, DESK)
    assert [c["id"] for c in current["contacts"]] == [new["id"]]

    with pytest.raises(Conflict):
        call("end_role", role["id"], "2024-05-01", DESK)

    verified = call("mark_verified", old_muhtar["id"], DESK)
    assert verified["verification_due_reason"] is None
    assert old_muhtar["id"] not in [c["id"] for c in call("stale_contacts", 365, DESK)["contacts"]]
    changes = published(amqp_uri, "contact_changed", 6, consumer="press")
    assert [c["change"] for c in changes if c["contact_id"] == old_muhtar["id"]] == ["created", "updated", "verified"]
    assert all(set(c) == {"contact_id", "change", "merged_into", "changed_by"} for c in changes)


def test_a_role_cannot_end_before_it_started(call, old_muhtar):
    with pytest.raises(InvalidInput) as raised:
        call("end_role", old_muhtar["roles"][0]["id"], "2019-01-01", DESK)
    assert "ended_on" in raised.value.args[0]
