"""Press's records of what went out follow the information bank: an opted-out contact's name and
address leave the releases' recipient lists (KVKK), a merged one is renamed, a deleted segment leaves
the distribution lists and a release waiting for it is told. Events arrive on the real broker."""
import uuid
from datetime import datetime, timezone

from contracts import contacts
from tests.support.broker import publish_raw, wait_until

from .conftest import MAYOR_OFFICE, OFFICER

ZEYNEP, ALI, KEPT, MEDIA_LIST = (str(uuid.uuid4()) for _ in range(4))


def send(amqp_uri, event_type, payload, event_id=None):
    publish_raw(amqp_uri, contacts.EXCHANGE, event_type, {
        "event_id": event_id or str(uuid.uuid4()), "event_type": event_type, "version": 1,
        "occurred_at": datetime.now(timezone.utc).isoformat(), "correlation_id": str(uuid.uuid4()),
        "payload": payload})


def published_release(press, segment_id=MEDIA_LIST):
    press.contacts.segment_members.return_value = [
        {"contact_id": ZEYNEP, "full_name": "Zeynep Şahin", "email": "zeynep@egetelgraf.example"},
        {"contact_id": ALI, "full_name": "Ali Kaya", "email": "ali@yeniasir.example"}]
    release = press.create_release({"title": "Yeni park", "body": "Park açıldı.", "segment_id": segment_id}, OFFICER)
    press.submit_release(release["id"], OFFICER)
    press.approve_release(release["id"], MAYOR_OFFICE)
    press.publish_releases()
    return release["id"]


def test_an_opted_out_contact_leaves_the_recipient_lists_and_a_merged_one_is_renamed(press, amqp_uri):
    release_id = published_release(press)
    opted_out = str(uuid.uuid4())
    for _ in range(2):  # delivered twice: acted on once
        send(amqp_uri, contacts.CONTACT_CHANGED, {"contact_id": ZEYNEP, "change": "opted_out", "changed_by": "halkla"},
             event_id=opted_out)
    send(amqp_uri, contacts.CONTACT_CHANGED, {"contact_id": ALI, "change": "merged", "merged_into": KEPT,
                                              "changed_by": "halkla"})
    expected = [{"contact_id": None, "full_name": None, "email": None, "removed": True},
                {"contact_id": KEPT, "full_name": "Ali Kaya", "email": "ali@yeniasir.example"}]
    assert wait_until(lambda: press.get_release(release_id)["recipients"] == expected)
    assert "zeynep" not in str(press.get_release(release_id)).lower()


def test_a_deleted_segment_leaves_distribution_lists_and_a_waiting_release_is_told(press, amqp_uri, query):
    bulletin = press.add_publication({"title": "Gaziemir Bülten", "kind": "bulletin",
                                      "segment_ids": ["muhtarlar", MEDIA_LIST]}, OFFICER)
    waiting = press.create_release({"title": "Yarın", "body": "Metin", "segment_id": MEDIA_LIST}, OFFICER)
    send(amqp_uri, contacts.SEGMENT_CHANGED, {"segment_id": "5b0c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4", "name": "Başka",
                                              "kind": "fixed", "change": "updated"})
    send(amqp_uri, contacts.SEGMENT_CHANGED, {"segment_id": MEDIA_LIST, "name": "Yerel basın", "kind": "fixed",
                                              "change": "deleted"})
    assert wait_until(lambda: press.list_publications()[0]["segment_ids"] == ["muhtarlar"])
    [comment] = press.get_release(waiting["id"])["comments"]
    assert "Yerel basın" in comment["text"] and comment["by"] == "system"
    assert sorted(bulletin["segment_ids"]) == sorted(["muhtarlar", MEDIA_LIST])
