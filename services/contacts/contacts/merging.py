"""Duplicates: proposed by the database's blocks and duplicates.candidates' scores; merged by staff, or
dismissed by staff as two different records (the pair is then never proposed again).

A merge folds one record into another with duplicates.merge and moves everything that pointed at it:
roles (so the history of offices stays whole), phones and e-mails, segment memberships, invitations
(keeping an answer or a check-in), seats and speaking orders. The folded record stays, marked
`merged_into`, so an old id, a re-imported file row or a vCard UID still finds the kept record.
"""
from contracts.contacts_records import ContactMerge, DuplicateDismissalInput, DuplicateQuery

from . import access, records, schemas, storage, storage_events
from .directory import changed, live
from .duplicates import REASONS, SHARED_CONTACT_LIMIT, candidates, merge, role_key
from .exceptions import Conflict, InvalidInput, NotFound

MAX_LIMIT = 500
# records scored at once: staff work through the list and merging removes pairs, so a bank with many
# duplicates is reviewed in rounds rather than by one call that holds everything in memory
MAX_RECORDS = 5000


def duplicate_candidates(store, actor, limit=50):
    """Pairs that may be one person or organisation, best first: `[{"ids", "names", "reasons",
    "reason_labels", "score"}]`."""
    access.may_read(actor)
    schemas.declared(DuplicateQuery, schemas.given(limit=limit))
    limit = max(1, min(int(limit or 50), MAX_LIMIT))
    with store.transaction() as tx:
        ids = storage.duplicate_blocks(tx.cursor, SHARED_CONTACT_LIMIT, limit=MAX_RECORDS)
        ids = list(dict.fromkeys(ids + storage.similar_name_neighbours(tx.cursor, limit=MAX_RECORDS)))
        found = records.read(tx.cursor, ids[:MAX_RECORDS])
        dismissed = storage.dismissed_pairs(tx.cursor, list(found))
    pairs = [pair for pair in candidates(list(found.values())) if frozenset(pair["ids"]) not in dismissed][:limit]
    return [{"ids": list(pair["ids"]), "names": [_name(found[i]) for i in pair["ids"]],
             "reasons": pair["reasons"], "reason_labels": [REASONS[r] for r in pair["reasons"]],
             "score": pair["score"]} for pair in pairs]


def dismiss_duplicate(store, contact_ids, actor, reason=None):
    """Staff judged two records to be different people or organisations: the pair is no longer proposed
    (each record may still pair with others). Answers `{"ids" (smaller first), "dismissed_by",
    "dismissed_at", "reason"}`; dismissing the pair again changes nothing and answers the same."""
    access.may_write(actor)
    schemas.declared(DuplicateDismissalInput, {"contact_ids": contact_ids, **schemas.given(reason=reason)})
    data = schemas.load(schemas.DismissalSchema, {"contact_ids": contact_ids, "reason": reason})
    first, second = sorted(schemas.identifier(i) for i in data["contact_ids"])
    if first == second:
        raise InvalidInput({"contact_ids": ["İki farklı kayıt seçilmeli; aynı kayıt iki kez seçildi."]})
    with store.transaction() as tx:
        _both_live(storage.existing_contacts(tx.cursor, [first, second]), [first, second])
        row = storage.dismiss_pair(tx.cursor, first, second, access.actor_id(actor), data["reason"])
    return records.public({"ids": [row["contact_a"], row["contact_b"]], "dismissed_by": row["dismissed_by"],
                           "dismissed_at": row["dismissed_at"], "reason": row["reason"]})


def _both_live(found, ids):
    for contact_id in ids:
        if str(contact_id) not in found:
            raise NotFound("Böyle bir kayıt yok.")
        if found[str(contact_id)]:
            raise Conflict(f"Bu kayıt başka bir kayıtla birleştirildi: {found[str(contact_id)]}.")


def _name(record):
    return record.get("full_name") or record.get("name")


def _move_invitations(cur, from_id, to_id):
    for invitation in storage_events.invitations_of_contact(cur, from_id):
        kept = storage_events.invitation_of(cur, invitation["event_id"], to_id, lock=True)
        if kept is None:
            storage_events.move_invitation(cur, invitation["id"], to_id)
            continue
        if kept["status"] == "invited" and invitation["status"] != "invited":
            storage_events.take_over_answer(cur, kept["id"], invitation)
        elif invitation["checked_in_at"] and not kept["checked_in_at"]:
            storage_events.take_over_answer(cur, kept["id"], {**kept, "checked_in_at": invitation["checked_in_at"]})
        storage_events.delete_invitation(cur, invitation["id"])


def merge_contacts(store, keep_id, other_id, actor):
    """Fold `other_id` into `keep_id`; answers `{"contact": the kept record, "moved": [{"field", "value"}]}`."""
    access.may_write(actor)
    schemas.declared(ContactMerge, {"keep_id": keep_id, "other_id": other_id})
    keep_id, other_id = schemas.identifier(keep_id), schemas.identifier(other_id)
    if keep_id == other_id:
        raise InvalidInput({"other_id": ["Bir kayıt kendisiyle birleştirilemez."]})
    by = access.actor_id(actor)
    with store.transaction() as tx:
        cur = tx.cursor
        storage.lock_contacts(cur, [keep_id, other_id])
        keep, other = live(cur, keep_id), live(cur, other_id)
        if keep["kind"] != other["kind"]:
            raise InvalidInput({"other_id": ["Bir kişi kaydı bir kurum kaydıyla birleştirilemez."]})
        merged, moved = merge(keep, other)
        kept_roles = {role_key(role) for role in keep["roles"]}
        repeats = [role["id"] for role in other["roles"] if role_key(role) in kept_roles]
        storage.set_columns(cur, other_id, by, merged_into=keep_id, external_ref=None)
        storage.replace_points(cur, other_id, [])
        storage.move_roles(cur, other_id, keep_id, repeats)
        records.update(cur, keep_id, merged, by)
        records.refresh_search(cur, keep_id)
        storage_events.move_memberships(cur, other_id, keep_id)
        _move_invitations(cur, other_id, keep_id)
        storage_events.move_seats(cur, other_id, keep_id)
        storage_events.replace_in_speaking_orders(cur, other_id, keep_id)
        changed(tx, other_id, "merged", actor, merged_into=keep_id)
        changed(tx, keep_id, "updated", actor)
        shown = records.read_one(cur, keep_id)
    return records.public({"contact": shown, "moved": moved})
