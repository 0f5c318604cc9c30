"""Municipal events (ceremonies, openings, press conferences): invitations, replies by link, check-in.

Inviting writes the invitations and `invitations_issued` events (each invitee in exactly one, with a
personal reply link) in one transaction; notify sends them. A reply link carries an HMAC token of the
invitation id (`tokens`), so nothing secret is stored and a forged link is refused.
"""
import uuid

from contracts import contacts as contract
from contracts.contacts_protocol import (CheckInInput, EventInput, EventQuery, InvitationReplyInput, InvitationReplyRecord,
                                        InvitationsInput)

from . import access, records, schemas, storage_events, tokens
from .exceptions import Conflict, InvalidInput, NotAllowed, NotFound
from .segments_store import member_ids, reachable

ISSUE_CHUNK = 100  # invitees per invitations_issued event: a 2,000-person segment is 20 messages
PRESS_ONLY = "Basın servisi yalnızca basın toplantılarının davetlerini yönetir."


def find_event(cur, event_id, lock=False):
    row = storage_events.event(cur, schemas.identifier(event_id, "etkinlik"), lock)
    if row is None:
        raise NotFound("Böyle bir etkinlik yok.")
    return row


def event_day(event):
    return event["starts_at"].astimezone(records.ISTANBUL).date()


def shown_event(event):
    return records.public({key: value for key, value in event.items() if key != "speaking_order"})


def door(event, may_manage_events):
    """One who may not manage every event (the press office, as the role table says) acts only on press
    conferences: NotAllowed for any other kind."""
    if not may_manage_events and event.get("kind") != contract.PRESS_CONFERENCE:
        raise NotAllowed(PRESS_ONLY)


def create(store, event, actor, may_manage_events=False):
    """A new event: `{"kind", "title", "starts_at", "place", "rows": [seats per row, front first]}`."""
    access.may_write(actor)
    door(schemas.declared(EventInput, event), may_manage_events)
    data = schemas.load(schemas.EventSchema, event)
    data.update(id=uuid.uuid4(), created_by=access.actor_id(actor))
    with store.transaction() as tx:
        storage_events.insert_event(tx.cursor, data)
        return shown_event(storage_events.event(tx.cursor, data["id"]))


def listing(store, actor, limit=50, offset=0):
    """Events, the latest first."""
    access.may_read(actor)
    paging = {"limit": limit, "offset": offset}
    schemas.declared(EventQuery, {key: value for key, value in paging.items() if value is not None})
    with store.transaction() as tx:
        rows = storage_events.events(tx.cursor, max(1, min(int(limit or 50), 500)), max(0, int(offset or 0)))
    return [shown_event(row) for row in rows]


def invite(store, event_id, contact_ids, segment_ids, actor, base_url, key, may_manage_events=False):
    """Invite records and the bulk lists of segments; answers `{"invited", "already_invited", "skipped"}`."""
    access.may_write(actor)
    schemas.declared(InvitationsInput, {"contact_ids": list(contact_ids or ()),
                                        "segment_ids": list(segment_ids or ())})
    explicit = [schemas.identifier(i) for i in contact_ids or ()]
    if not explicit and not segment_ids:
        raise InvalidInput({"contact_ids": ["Davet edilecek en az bir kişi ya da liste seçilmeli."]})
    by = access.actor_id(actor)
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id, lock=True)
        door(event, may_manage_events)
        if event["status"] == "cancelled":
            raise Conflict("İptal edilmiş bir etkinliğe davet gönderilemez.")
        wanted, skipped = {}, []
        found = records.read(tx.cursor, explicit)
        for contact_id in explicit:
            record = found.get(str(contact_id))
            reason = ("Böyle bir kayıt yok." if record is None else
                      "Kayıt başka bir kayıtla birleştirilmiş." if record["merged_into"] else
                      "Kişi iletişimi reddetmiş (KVKK)." if record["consent"]["opted_out_on"] else None)
            if reason:
                skipped.append({"contact_id": str(contact_id), "reason": reason})
            else:
                wanted[str(contact_id)] = record
        for segment_id in segment_ids or ():
            ids = [str(i) for i in member_ids(tx.cursor, segment_id) if str(i) not in wanted]
            wanted.update(records.read(tx.cursor, ids))
        invitees = []
        for contact_id, record in wanted.items():
            invitation_id = uuid.uuid4()
            if storage_events.insert_invitation(tx.cursor, {"id": invitation_id, "event_id": event["id"],
                                                            "contact_id": contact_id, "invited_by": by}):
                invitees.append({"invitation_id": invitation_id, "contact_id": contact_id,
                                 "full_name": record.get("full_name") or record.get("name"),
                                 "email": (record["emails"] or [None])[0], "phone": records.first_mobile(record),
                                 "reply_url": tokens.reply_url(base_url, key, invitation_id)})
        for start in range(0, len(invitees), ISSUE_CHUNK):
            tx.emit(contract.INVITATIONS_ISSUED, {
                "event_id": event["id"], "title": event["title"], "kind": event["kind"],
                "starts_at": event["starts_at"], "place": event["place"],
                "invitees": invitees[start:start + ISSUE_CHUNK]})
    return {"invited": len(invitees), "already_invited": len(wanted) - len(invitees), "skipped": skipped}


def _answer(tx, invitation, reply, by):
    storage_events.record_reply(tx.cursor, invitation["id"], reply, by)
    record = records.read_one(tx.cursor, invitation["contact_id"])
    event = storage_events.event(tx.cursor, invitation["event_id"])
    tx.emit(contract.INVITATION_REPLIED, {"invitation_id": invitation["id"], "event_id": invitation["event_id"],
                                          "reply": reply, "full_name": record.get("full_name") or record.get("name"),
                                          "title": event["title"]})


def _reply_shown(cur, invitation_id):
    invitation = storage_events.invitation(cur, invitation_id)
    event = storage_events.event(cur, invitation["event_id"])
    return records.public({"invitation_id": invitation["id"], "event_id": event["id"], "status": invitation["status"],
                           "replied_at": invitation["replied_at"], "title": event["title"],
                           "starts_at": event["starts_at"], "place": event["place"]})


def invitation_for_reply(store, invitation_id, token, key):
    """What the invitee's link opens: the event (title, time, place) and the answer recorded so far,
    after checking the link's token; nothing changes. A forged token is refused like a missing invitation."""
    if not tokens.token_matches(key, invitation_id, token):
        raise NotAllowed("Bu yanıt bağlantısı geçersiz.")
    with store.transaction() as tx:
        invitation = storage_events.invitation(tx.cursor, schemas.identifier(invitation_id, "davet"))
        if invitation is None:
            raise NotFound("Böyle bir davet yok.")
        return _reply_shown(tx.cursor, invitation["id"])


def reply(store, invitation_id, token, answer, key):
    """An invitee's answer through their link. The first answer counts; the same answer again changes
    nothing; another answer afterwards is a Conflict (the protocol desk can still change it)."""
    schemas.declared(InvitationReplyInput, {"token": token, "reply": answer})
    answer = schemas.load(schemas.ReplySchema, {"reply": answer})["reply"]
    if not tokens.token_matches(key, invitation_id, token):
        raise NotAllowed("Bu yanıt bağlantısı geçersiz.")
    invitation_id = schemas.identifier(invitation_id, "davet")
    with store.transaction() as tx:
        invitation = storage_events.invitation(tx.cursor, invitation_id, lock=True)
        if invitation is None:
            raise NotFound("Böyle bir davet yok.")
        if invitation["status"] == "invited":
            _answer(tx, invitation, answer, "link")
        elif invitation["status"] != answer:
            raise Conflict("Bu davete daha önce yanıt verildi; değiştirmek için protokol birimini arayın.")
        return _reply_shown(tx.cursor, invitation_id)


def record_reply(store, invitation_id, answer, actor, event_id=None, may_manage_events=False):
    """The protocol desk records an answer given by phone or in person (and may change it); with `event_id`,
    the invitation must be to that event."""
    access.may_write(actor)
    answer = schemas.load(schemas.ReplySchema, schemas.declared(InvitationReplyRecord, {"reply": answer}))["reply"]
    with store.transaction() as tx:
        event = None if event_id is None else find_event(tx.cursor, event_id)
        if event is not None:
            door(event, may_manage_events)
        invitation = storage_events.invitation(tx.cursor, schemas.identifier(invitation_id, "davet"), lock=True)
        if invitation is None or (event is not None and invitation["event_id"] != event["id"]):
            raise NotFound("Böyle bir davet yok." if event is None else "Bu etkinlikte böyle bir davet yok.")
        if event is None:
            door(storage_events.event(tx.cursor, invitation["event_id"]), may_manage_events)
        if invitation["status"] != answer:
            _answer(tx, invitation, answer, access.actor_id(actor))
        return _reply_shown(tx.cursor, invitation["id"])


def check_in(store, event_id, contact_id, actor, may_manage_events=False):
    """An invitee arrived at the door; the first arrival time stays."""
    access.may_write(actor)
    schemas.declared(CheckInInput, {"contact_id": contact_id})
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        door(event, may_manage_events)
        invitation = storage_events.invitation_of(tx.cursor, event["id"], schemas.identifier(contact_id), lock=True)
        if invitation is None:
            raise NotFound("Bu kişi bu etkinliğe davetli değil.")
        arrived = storage_events.check_in(tx.cursor, invitation["id"])
    return records.public({"event_id": event["id"], "contact_id": invitation["contact_id"], "checked_in_at": arrived})


AUDIENCES = {"invited": ("invited", "accepted"), "accepted": ("accepted",), "attended": None}


def get_event(store, event_id, actor):
    """One event as staff see it."""
    access.may_read(actor)
    with store.transaction() as tx:
        return shown_event(find_event(tx.cursor, event_id))


def audience(store, event_id, who):
    """Service-to-service (press shares a conference's materials): the event and its guests who may be
    written to: `who` is `invited` (every guest who did not decline), `accepted` or `attended` (checked
    in). Guests who since opted out, or whose record was merged away, are left out."""
    if who not in AUDIENCES:
        raise InvalidInput({"audience": [f"Şunlardan biri olmalı: {', '.join(AUDIENCES)}."]})
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        invitations = storage_events.invitations(tx.cursor, event["id"], AUDIENCES[who])
        if who == "attended":
            invitations = [i for i in invitations if i["checked_in_at"]]
        found = records.read(tx.cursor, [i["contact_id"] for i in invitations])
    today = records.today()
    guests = [reachable(record) for record in (found.get(str(i["contact_id"])) for i in invitations)
              if record and not record["merged_into"]
              and not (record["consent"]["opted_out_on"] and record["consent"]["opted_out_on"] <= today)]
    return records.public({"event": shown_event(event), "guests": guests})


def attendance(store, event_id, actor):
    """The event, its counts and every invitee with their answer, arrival and seat."""
    access.may_read(actor)
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        invitations = storage_events.invitations(tx.cursor, event["id"])
        found = records.read(tx.cursor, [i["contact_id"] for i in invitations])
        seats = {str(s["contact_id"]): s for s in storage_events.seats(tx.cursor, event["id"]) if s["contact_id"]}
    guests = []
    for invitation in invitations:
        record, seat = found[str(invitation["contact_id"])], seats.get(str(invitation["contact_id"]))
        guests.append({"invitation_id": invitation["id"], "contact_id": invitation["contact_id"],
                       "name": record.get("full_name") or record.get("name"), "status": invitation["status"],
                       "replied_at": invitation["replied_at"], "checked_in_at": invitation["checked_in_at"],
                       "seat": {"row": seat["row"], "seat": seat["seat"]} if seat else None})
    counts = {status: sum(1 for g in guests if g["status"] == status) for status in ("invited", "accepted", "declined")}
    counts["checked_in"] = sum(1 for g in guests if g["checked_in_at"])
    return records.public({"event": shown_event(event), "counts": {"total": len(guests), **counts},
                           "guests": guests})
