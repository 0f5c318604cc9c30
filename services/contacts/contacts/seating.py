"""Protocol seating and speaking order (DOMAIN.md §5).

Seat numbers: in every row seats are numbered 1..n from the SEATED persons' left to their right. Seen
from the audience facing them (a head table, a stage) the numbers run right to left: the audience sees
the plan mirrored. Rows are numbered 1.. from the front.

The rule, as seen by the seated: the most senior sits at the centre of the front row; "the senior is
always on the right", so the next in rank sit alternately right and left of the centre, moving outwards
(centre, centre+1, centre-1, centre+2, …). A full row continues in the next row with the same pattern.

Centre of a row of n seats: seat (n+1)//2 when n is odd; when n is even, seat n//2 + 1, the seat just
right of the middle as seen by the seated, so the senior keeps the side of honour and number two sits
on his right. (The centre is counted on the whole row, blocked seats included, so the senior is not
pushed off-centre by a pillar; a blocked or reserved seat is simply skipped in the order.)

Attendees are {"id", "name", "rank"}: rank an int, lower = more senior (precedence.rank_of gives it),
or None for no protocol rank. Equal ranks are ordered by Turkish-folded name, then id; attendees
without rank come after every ranked one, by folded name. A plan is a list of
{"row", "seat", "attendee_id"} sorted by row and seat.
"""
from servicekit.turkish import fold


class SeatingError(ValueError):
    """The seating asked for cannot be made; the message is for staff."""


def centre(n):
    """The centre seat of a row of n seats: 3 of 5, 3 of 4 (just right of the middle, as seen seated)."""
    if n < 1:
        raise SeatingError("Bir sırada en az bir koltuk olmalı.")
    return n // 2 + 1


def row_order(n):
    """The seats of a row of n in the order they are given: centre, then right, left, right, left …

    row_order(5) == [3, 4, 2, 5, 1]; row_order(4) == [3, 4, 2, 1].
    """
    c = centre(n)
    order = [c]
    for step in range(1, n):
        order += [s for s in (c + step, c - step) if 1 <= s <= n]
    return order


def precedence_order(attendees):
    """The attendees from most to least senior: ranked by (rank, folded name, id), then the unranked
    by (folded name, id)."""
    def key(a):
        ranked = a.get("rank") is not None
        return (0 if ranked else 1, a["rank"] if ranked else 0, fold(a.get("name") or ""), str(a["id"]))
    return sorted(attendees, key=key)


def _check_reserved(reserved, rows, ids):
    seen = set()
    for (row, seat), who in reserved.items():
        if not (1 <= row <= len(rows) and 1 <= seat <= rows[row - 1]):
            raise SeatingError(f"Ayrılmış koltuk salonda yok: {row}. sıra, {seat}. koltuk.")
        if who is None:
            continue
        if who not in ids:
            raise SeatingError(f"{row}. sıra {seat}. koltuk katılımcı listesinde olmayan biri için ayrılmış.")
        if who in seen:
            raise SeatingError(f"Aynı katılımcıya birden çok koltuk ayrılmış ({row}. sıra, {seat}. koltuk).")
        seen.add(who)


def plan_seating(attendees, rows, reserved=None):
    """Seat `attendees` in a hall of `rows` (seat counts per row, front row first).

    `reserved` maps (row, seat) to an attendee id (that person sits there and is not placed again) or
    to None (a blocked seat, left empty). Everyone else is placed in precedence order along the seats
    of row_order(), row by row. Returns the plan; raises SeatingError when the hall is too small, a
    reserved seat is not in the hall, names an unknown attendee, or an attendee has two.
    """
    reserved = dict(reserved or {})
    ids = [a["id"] for a in attendees]
    if len(set(ids)) != len(ids):
        raise SeatingError("Katılımcı listesinde aynı kişi birden çok kez var.")
    if any(n < 1 for n in rows):
        raise SeatingError("Bir sırada en az bir koltuk olmalı.")
    _check_reserved(reserved, rows, set(ids))

    plan = [{"row": r, "seat": s, "attendee_id": who} for (r, s), who in reserved.items() if who is not None]
    placed = {p["attendee_id"] for p in plan}
    queue = [a for a in precedence_order(attendees) if a["id"] not in placed]
    free = [(r, s) for r, n in enumerate(rows, start=1) for s in row_order(n) if (r, s) not in reserved]
    if len(queue) > len(free):
        raise SeatingError(f"Salonda yeterli boş koltuk yok: {len(queue)} kişi için {len(free)} koltuk var.")
    plan += [{"row": r, "seat": s, "attendee_id": a["id"]} for a, (r, s) in zip(queue, free)]
    return sorted(plan, key=lambda p: (p["row"], p["seat"]))


def speaking_order(attendees):
    """Who speaks when, first to last: junior to senior, the most senior last.

    Attendees without a protocol rank (a host association's president, a guest speaker) speak first, by
    folded name: they open, and the protocol speaks after them in reverse precedence. Leave out of
    `attendees` whoever does not speak.
    """
    ordered = precedence_order(attendees)
    ranked = [a for a in ordered if a.get("rank") is not None]
    unranked = [a for a in ordered if a.get("rank") is None]
    return unranked + ranked[::-1]


def move(plan, attendee_id, row, seat, rows=None):
    """A hand edit: put `attendee_id` in (row, seat); whoever sat there takes the mover's old seat.

    Returns a new plan. With `rows` (the hall's seat counts) the target seat is checked to exist.
    Raises SeatingError when the attendee is not in the plan or the seat is not in the hall.
    """
    mine = next((p for p in plan if p["attendee_id"] == attendee_id), None)
    if mine is None:
        raise SeatingError("Taşınmak istenen kişi oturma planında yok.")
    if rows is not None and not (1 <= row <= len(rows) and 1 <= seat <= rows[row - 1]):
        raise SeatingError(f"Salonda böyle bir koltuk yok: {row}. sıra, {seat}. koltuk.")
    result = []
    for p in plan:
        if p["attendee_id"] == attendee_id:
            result.append({**p, "row": row, "seat": seat})
        elif (p["row"], p["seat"]) == (row, seat):
            result.append({**p, "row": mine["row"], "seat": mine["seat"]})
        else:
            result.append(dict(p))
    return sorted(result, key=lambda p: (p["row"], p["seat"]))
