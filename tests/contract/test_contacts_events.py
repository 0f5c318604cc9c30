"""What contacts publishes: ids only about a changed record; an invitation carries just enough to send it."""
from marshmallow import EXCLUDE

from contracts import contacts, topology
from contracts.samples import load_samples

SAMPLES = load_samples()


def test_a_changed_record_travels_without_its_name_or_addresses():
    payload = dict(SAMPLES[(contacts.SOURCE, contacts.CONTACT_CHANGED)]["payload"], full_name="İsmail Işık",
                   phones=["+905321112233"], emails=["ismail@example.org"])
    dumped = contacts.ContactChangedSchema().dump(contacts.ContactChangedSchema(unknown=EXCLUDE).load(payload))
    assert set(dumped) == {"contact_id", "change", "merged_into", "changed_by"}


def test_an_invitee_carries_only_what_sending_the_invitation_needs():
    assert set(contacts.InviteeSchema().fields) == {"invitation_id", "contact_id", "full_name", "email", "phone",
                                                     "reply_url"}


def test_notify_receives_the_invitations():
    assert "notify" in topology.SUBSCRIPTIONS[(contacts.EXCHANGE, contacts.INVITATIONS_ISSUED)]
