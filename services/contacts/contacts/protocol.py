"""Protocol at an event (DOMAIN.md §5): the precedence list staff keep, the seating plan made from it,
the speaking order, name cards and the printed plan.

Rank is the office's, on the event's day (precedence.person_rank), so a muhtar elected last month
sits as muhtar and the one before does not. The pure rules are in `seating`, the PDFs in `cards`.
"""
import base64
import re

from contracts.contacts import OFFICE_CODE
from contracts.contacts_protocol import PrecedenceInput, SeatingInput, SeatMoveInput, SpeakingOrderInput

from . import access, cards, precedence, records, schemas, seating, storage, storage_events
from .events import event_day, find_event
from .exceptions import Conflict, InvalidInput

_OFFICE_CODE = re.compile(OFFICE_CODE)


def seed(store, path=None):
    """The shipped list (or PRECEDENCE_FILE) on start: offices missing from the table are added, staff
    edits are kept."""
    with store.transaction() as tx:
        for office in precedence.load(path).values():
            storage.seed_office(tx.cursor, office)


def list_precedence(store, actor):
    access.may_read(actor)
    with store.transaction() as tx:
        return records.public(storage.precedence_rows(tx.cursor))


def set_precedence(store, office, rank, title, actor, source=None):
    """Put an office at a rank (a new office, or one moved): the offices from that rank on move down one."""
    access.may_write(actor)
    schemas.declared(PrecedenceInput, {"rank": rank, "title": title, **schemas.given(source=source)})
    errors = {}
    if not _OFFICE_CODE.fullmatch(str(office or "")):  # `$` as the API document means it: no final newline
        errors["office"] = ["Makam kodu küçük harf, rakam ve alt çizgiden oluşmalı (ör. ilce_muftusu)."]
    if isinstance(rank, bool) or not isinstance(rank, int) or rank < 1:
        errors["rank"] = ["Sıra pozitif bir tam sayı olmalı."]
    if not (title or "").strip():
        errors["title"] = ["Makam adı yazılmalı."]
    if errors:
        raise InvalidInput(errors)
    with store.transaction() as tx:
        placed = storage.place_office(tx.cursor, office, rank, title.strip(), source, access.actor_id(actor))
        rows = storage.precedence_rows(tx.cursor)
    return records.public({"office": office, "rank": placed, "list": rows})


def _attendees(cur, event, statuses=("accepted",)):
    """{id: {"id", "name", "title", "rank"}} of the invitees with these answers, on the event's day."""
    day, table = event_day(event), records.precedence_table(cur)
    ids = [i["contact_id"] for i in storage_events.invitations(cur, event["id"], statuses)]
    people = {}
    for contact_id, record in records.read(cur, ids).items():
        people[contact_id] = {"id": contact_id, "name": record.get("full_name") or record.get("name"),
                              "title": records.current_title(record, table, day),
                              "rank": precedence.person_rank(record, table, day)}
    return people


def _reserved(reserved, rows):
    """Staff's reservations `[{"row", "seat", "contact_id" or None}]` as seating.plan_seating wants them."""
    result = {}
    for number, item in enumerate(reserved or (), start=1):
        try:
            where = (int(item["row"]), int(item["seat"]))
        except (KeyError, TypeError, ValueError):
            raise InvalidInput({f"reserved.{number}": ["Sıra ve koltuk numarası gerekli."]}) from None
        result[where] = str(item["contact_id"]) if item.get("contact_id") else None
    return result


def generate_seating(store, event_id, reserved, actor):
    """Seat the invitees who accepted by precedence: the most senior at the centre of the front row,
    then alternately right and left. `reserved` fixes seats first (a contact, or None to block one)."""
    access.may_write(actor)
    schemas.declared(SeatingInput, {"reserved": reserved or []})
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id, lock=True)
        if not event["rows"]:
            raise InvalidInput({"rows": ["Etkinliğin salon düzeni (sıralardaki koltuk sayıları) tanımlanmamış."]})
        people = _attendees(tx.cursor, event)
        fixed = _reserved(reserved, event["rows"])
        try:
            plan = seating.plan_seating(list(people.values()), event["rows"], fixed)
        except seating.SeatingError as exc:
            raise InvalidInput({"seating": [str(exc)]}) from None
        seats = [{"row": p["row"], "seat": p["seat"], "contact_id": p["attendee_id"],
                  "reserved": (p["row"], p["seat"]) in fixed} for p in plan]
        seats += [{"row": r, "seat": s, "contact_id": None, "reserved": True} for (r, s), who in fixed.items()
                  if who is None]
        storage_events.replace_seats(tx.cursor, event["id"], seats)
    return get_seating(store, event_id, actor)


def get_seating(store, event_id, actor):
    """`{"event", "rows", "seats": [{"row", "seat", "contact_id", "name", "title", "reserved"}]}`; a blocked
    seat has no contact."""
    access.may_read(actor)
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        seats = storage_events.seats(tx.cursor, event["id"])
        people = _attendees(tx.cursor, event, ("invited", "accepted", "declined"))
    return records.public({"event_id": event["id"], "rows": event["rows"], "seats": [
        {**seat, "name": (people.get(str(seat["contact_id"])) or {}).get("name"),
         "title": (people.get(str(seat["contact_id"])) or {}).get("title")} for seat in seats]})


def move_seat(store, event_id, contact_id, row, seat, actor):
    """A hand edit of the plan: the person takes the seat, whoever sat there takes theirs."""
    access.may_write(actor)
    schemas.declared(SeatMoveInput, {"contact_id": contact_id, "row": row, "seat": seat})
    contact_id = str(schemas.identifier(contact_id))
    try:
        row, seat = int(row), int(seat)
    except (TypeError, ValueError):
        raise InvalidInput({"seat": ["Sıra ve koltuk numarası tam sayı olmalı."]}) from None
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id, lock=True)
        current = storage_events.seats(tx.cursor, event["id"])
        if any(s["contact_id"] is None and (s["row"], s["seat"]) == (row, seat) for s in current):
            raise Conflict("Bu koltuk kapalı; önce oturma planını yeniden oluşturun.")
        plan = [{"row": s["row"], "seat": s["seat"], "attendee_id": str(s["contact_id"])} for s in current
                if s["contact_id"]]
        try:
            moved = seating.move(plan, contact_id, row, seat, event["rows"] or None)
        except seating.SeatingError as exc:
            raise InvalidInput({"seat": [str(exc)]}) from None
        flags = {str(s["contact_id"]): s["reserved"] for s in current if s["contact_id"]}
        storage_events.replace_seats(tx.cursor, event["id"], [
            {"row": p["row"], "seat": p["seat"], "contact_id": p["attendee_id"], "reserved": flags[p["attendee_id"]]}
            for p in moved] + [s for s in current if s["contact_id"] is None])
    return get_seating(store, event_id, actor)


def speaking_order(store, event_id, actor):
    """Who speaks, first to last: as staff set it, else by precedence from junior to the most senior."""
    access.may_read(actor)
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        people = _attendees(tx.cursor, event, ("invited", "accepted", "declined"))
        accepted = _attendees(tx.cursor, event)
    if event["speaking_order"]:
        order = [people[str(i)] for i in dict.fromkeys(event["speaking_order"]) if str(i) in people]
    else:
        order = seating.speaking_order(list(accepted.values()))
    return records.public({"event_id": event["id"], "by_hand": bool(event["speaking_order"]), "speakers": [
        {"contact_id": p["id"], "name": p["name"], "title": p["title"], "rank": p["rank"]} for p in order]})


def set_speaking_order(store, event_id, contact_ids, actor):
    """Staff's own order (invitees of the event, first speaker first); an empty list goes back to precedence."""
    access.may_write(actor)
    schemas.declared(SpeakingOrderInput, {"contact_ids": list(contact_ids or ())})
    ids = [str(schemas.identifier(i)) for i in contact_ids or ()]
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id, lock=True)
        invited = {str(i["contact_id"]) for i in storage_events.invitations(tx.cursor, event["id"])}
        strangers = [i for i in ids if i not in invited]
        if strangers:
            raise InvalidInput({"contact_ids": ["Etkinliğe davetli olmayan kişiler: " + ", ".join(strangers) + "."]})
        storage_events.set_speaking_order(tx.cursor, event["id"], list(dict.fromkeys(ids)) or None)
    return speaking_order(store, event_id, actor)


def _pdf(content, filename):
    return {"filename": filename, "content_type": "application/pdf",
            "content_base64": base64.b64encode(content).decode("ascii")}


def name_cards_pdf(store, event_id, actor, font_path=None):
    """Tent name cards of the seated guests (else of those who accepted), most senior first."""
    access.may_read(actor)
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        people = _attendees(tx.cursor, event, ("invited", "accepted", "declined"))
        seated = [str(s["contact_id"]) for s in storage_events.seats(tx.cursor, event["id"]) if s["contact_id"]]
        accepted = _attendees(tx.cursor, event)
    guests = [people[i] for i in seated if i in people] or list(accepted.values())
    if not guests:  # the event is there, with nobody to print for yet
        raise Conflict("Bu etkinlikte katılımını bildiren kimse yok.")
    ordered = seating.precedence_order(guests)
    return _pdf(cards.name_cards([{"name": g["name"], "title": g["title"]} for g in ordered], font_path),
                "isimlikler.pdf")


def seating_plan_pdf(store, event_id, actor, font_path=None):
    """The printed seating plan, front row on top."""
    access.may_read(actor)
    with store.transaction() as tx:
        event = find_event(tx.cursor, event_id)
        seats = storage_events.seats(tx.cursor, event["id"])
        people = _attendees(tx.cursor, event, ("invited", "accepted", "declined"))
    if not any(s["contact_id"] for s in seats):
        raise Conflict("Bu etkinliğin oturma planı henüz oluşturulmadı.")
    plan = [{"row": s["row"], "seat": s["seat"], "attendee_id": str(s["contact_id"])} for s in seats if s["contact_id"]]
    return _pdf(cards.seating_plan_pdf(event["title"], event["starts_at"], plan, people, event["rows"] or None,
                                       font_path), "oturma-plani.pdf")
