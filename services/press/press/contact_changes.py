"""What press does when the information bank changes (contacts' `contact_changed`, `segment_changed`).

Press keeps no address book: it asks the information bank for a list at the moment it sends. What it
keeps is the record of what went out, and that record follows the bank:
- a contact opted out (KVKK): their name and address leave the recipient lists of published releases;
  the entry stays, marked, so the count of what was sent stays true;
- a contact was merged into another: those lists name the record that was kept;
- a segment was deleted: it leaves the publications' distribution lists, and a release still to go to
  it gets a comment saying so (it waits until the office chooses another list).
"""
import logging

from servicekit import inbox

from . import storage_office, storage_releases

log = logging.getLogger(__name__)

SYSTEM = "system"


def on_contact_changed(store, event):
    """`opted_out` and `merged` change press's records of who received what; other changes do not."""
    payload = event["payload"]
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, "press.contact_changed", event["event_id"]):
            return
        if payload["change"] == "opted_out":
            changed = storage_releases.forget_recipient(tx.cursor, payload["contact_id"])
        elif payload["change"] == "merged" and payload.get("merged_into"):
            changed = storage_releases.rename_recipient(tx.cursor, payload["contact_id"], payload["merged_into"])
        else:
            return
    if changed:
        log.info("contact %s %s: %s release recipient list(s) updated", payload["contact_id"], payload["change"],
                 changed)


def on_segment_changed(store, event, now):
    """A deleted segment leaves the distribution lists; releases waiting to go to it are told."""
    payload = event["payload"]
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, "press.segment_changed", event["event_id"]) or payload["change"] != "deleted":
            return
        segment_id = str(payload["segment_id"])
        publications = storage_office.drop_segment(tx.cursor, segment_id)
        waiting = storage_releases.unpublished_for_segment(tx.cursor, segment_id)
        for release in waiting:
            storage_releases.add_comment(tx.cursor, release["id"], {
                "version": release["version"], "by": SYSTEM, "at": now,
                "text": f"Dağıtım listesi «{payload['name']}» bilgi bankasından silindi; bülten medyaya "
                        "gönderilemez. Başka bir liste seçin."})
    log.info("segment %s deleted: left %s publication(s); %s release(s) told", segment_id, publications, len(waiting))
