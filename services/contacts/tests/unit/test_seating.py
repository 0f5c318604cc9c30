"""Protocol seating (DOMAIN.md §5): centre first, then right and left as seen by the seated."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts import seating


def people(*ranks):
    return [{"id": f"p{i}", "name": f"Kişi {i}", "rank": rank} for i, rank in enumerate(ranks, start=1)]


def seat_of(plan):
    return {p["attendee_id"]: (p["row"], p["seat"]) for p in plan}


@pytest.mark.parametrize("n, centre", [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4), (7, 4)])
def test_the_centre_is_the_middle_seat_or_just_right_of_the_middle(n, centre):
    assert seating.centre(n) == centre


def test_seats_are_given_centre_then_right_then_left_as_seen_by_the_seated():
    assert seating.row_order(5) == [3, 4, 2, 5, 1]
    assert seating.row_order(4) == [3, 4, 2, 1]
    assert seating.row_order(1) == [1]


def test_the_most_senior_sits_at_the_centre_and_number_two_on_his_right():
    plan = seating.plan_seating(people(3, 1, 2), rows=[5])
    assert seat_of(plan) == {"p2": (1, 3), "p3": (1, 4), "p1": (1, 2)}


def test_a_full_row_continues_in_the_next_row_with_the_same_pattern():
    plan = seating.plan_seating(people(1, 2, 3, 4, 5), rows=[3, 5])
    assert seat_of(plan) == {"p1": (1, 2), "p2": (1, 3), "p3": (1, 1), "p4": (2, 3), "p5": (2, 4)}


def test_the_unranked_come_after_every_ranked_attendee_by_folded_name():
    attendees = [{"id": "z", "name": "Zeki", "rank": None}, {"id": "c", "name": "Çetin", "rank": None},
                 {"id": "i", "name": "İlker", "rank": None}, {"id": "k", "name": "Kaymakam", "rank": 40}]
    plan = seating.plan_seating(attendees, rows=[5])
    assert seat_of(plan) == {"k": (1, 3), "c": (1, 4), "i": (1, 2), "z": (1, 5)}


def test_equal_ranks_are_ordered_by_folded_name():
    attendees = [{"id": "b", "name": "Işıl Bal", "rank": 2}, {"id": "a", "name": "ahmet Can", "rank": 2},
                 {"id": "k", "name": "Kaymakam", "rank": 1}]
    assert [a["id"] for a in seating.precedence_order(attendees)] == ["k", "a", "b"]


def test_a_reserved_seat_is_kept_and_its_holder_not_placed_again():
    plan = seating.plan_seating(people(1, 2, 3), rows=[5], reserved={(1, 1): "p1"})
    assert seat_of(plan) == {"p1": (1, 1), "p2": (1, 3), "p3": (1, 4)}


def test_blocked_seats_stay_empty_and_the_centre_does_not_move():
    plan = seating.plan_seating(people(1, 2, 3), rows=[5], reserved={(1, 4): None})
    assert seat_of(plan) == {"p1": (1, 3), "p2": (1, 2), "p3": (1, 5)}


def test_a_hall_too_small_is_refused_in_turkish():
    with pytest.raises(seating.SeatingError, match="yeterli boş koltuk yok: 3 kişi için 2 koltuk"):
        seating.plan_seating(people(1, 2, 3), rows=[3], reserved={(1, 1): None})


@pytest.mark.parametrize("reserved, message", [
    ({(2, 1): "p1"}, "salonda yok"),
    ({(1, 9): None}, "salonda yok"),
    ({(1, 1): "x"}, "listesinde olmayan"),
    ({(1, 1): "p1", (1, 2): "p1"}, "birden çok koltuk"),
])
def test_impossible_reservations_are_refused(reserved, message):
    with pytest.raises(seating.SeatingError, match=message):
        seating.plan_seating(people(1, 2), rows=[3], reserved=reserved)


def test_an_attendee_listed_twice_is_refused():
    with pytest.raises(seating.SeatingError, match="birden çok kez"):
        seating.plan_seating(people(1) + people(2), rows=[3])


def test_speaking_order_runs_from_junior_to_senior_with_the_most_senior_last():
    attendees = people(1, 5, None, 3)
    assert [a["id"] for a in seating.speaking_order(attendees)] == ["p3", "p2", "p4", "p1"]


def test_unranked_speakers_open_before_the_protocol():
    attendees = [{"id": "k", "name": "Kaymakam", "rank": 1}, {"id": "d", "name": "Dernek Başkanı", "rank": None},
                 {"id": "a", "name": "Açılış konuşmacısı", "rank": None}]
    assert [a["id"] for a in seating.speaking_order(attendees)] == ["a", "d", "k"]


def test_move_to_an_empty_seat_only_moves_the_attendee():
    plan = seating.plan_seating(people(1, 2), rows=[5])
    assert seat_of(seating.move(plan, "p2", 1, 1)) == {"p1": (1, 3), "p2": (1, 1)}


def test_move_to_a_taken_seat_swaps_the_two():
    plan = seating.plan_seating(people(1, 2, 3), rows=[5])
    moved = seating.move(plan, "p3", 1, 3)
    assert seat_of(moved) == {"p3": (1, 3), "p1": (1, 2), "p2": (1, 4)}
    assert seat_of(plan)["p1"] == (1, 3)  # the original plan is unchanged


def test_move_refuses_an_unknown_attendee_or_a_seat_outside_the_hall():
    plan = seating.plan_seating(people(1), rows=[3])
    with pytest.raises(seating.SeatingError, match="planında yok"):
        seating.move(plan, "x", 1, 1)
    with pytest.raises(seating.SeatingError, match="böyle bir koltuk yok"):
        seating.move(plan, "p1", 2, 1, rows=[3])


halls = st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=4)


@st.composite
def scenarios(draw):
    rows = draw(halls)
    seats = [(r, s) for r, n in enumerate(rows, start=1) for s in range(1, n + 1)]
    count = draw(st.integers(min_value=0, max_value=len(seats)))
    ranks = draw(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=30)), min_size=count,
                          max_size=count))
    attendees = [{"id": f"a{i}", "name": draw(st.sampled_from(["Işık", "isik", "Ali", "Çağla", "Zeki"])),
                  "rank": rank} for i, rank in enumerate(ranks)]
    chosen = draw(st.lists(st.sampled_from(seats), unique=True, max_size=len(seats) - count)) if seats else []
    holders = draw(st.lists(st.sampled_from([a["id"] for a in attendees]), unique=True, max_size=len(chosen))
                   ) if attendees else []
    reserved = {seat: (holders[i] if i < len(holders) else None) for i, seat in enumerate(chosen)}
    return attendees, rows, reserved


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_every_attendee_is_seated_once_no_seat_twice_and_reservations_hold(scenario):
    attendees, rows, reserved = scenario
    plan = seating.plan_seating(attendees, rows, reserved)
    assert sorted(p["attendee_id"] for p in plan) == sorted(a["id"] for a in attendees)
    assert len({(p["row"], p["seat"]) for p in plan}) == len(plan)
    assert all(1 <= p["row"] <= len(rows) and 1 <= p["seat"] <= rows[p["row"] - 1] for p in plan)
    taken = seat_of(plan)
    for seat, who in reserved.items():
        if who is None:
            assert seat not in taken.values()
        else:
            assert taken[who] == seat


@settings(max_examples=300, deadline=None)
@given(halls, st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=30)), max_size=36))
def test_seniors_sit_in_earlier_rows_and_nearer_the_centre(rows, ranks):
    ranks = ranks[:sum(rows)]
    attendees = people(*ranks)
    plan = seating.plan_seating(attendees, rows)
    where = seat_of(plan)
    ordered = seating.precedence_order(attendees)
    positions = [(where[a["id"]][0], abs(where[a["id"]][1] - seating.centre(rows[where[a["id"]][0] - 1])))
                 for a in ordered]
    assert positions == sorted(positions)
    for senior, junior in zip(ordered, ordered[1:]):
        (r1, s1), (r2, s2) = where[senior["id"]], where[junior["id"]]
        if r1 == r2 and abs(s1 - seating.centre(rows[r1 - 1])) == abs(s2 - seating.centre(rows[r1 - 1])):
            assert s1 > s2  # at equal distance the senior has the seat on the right


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(min_value=1, max_value=30)), max_size=12))
def test_speaking_order_is_the_unranked_then_precedence_reversed(ranks):
    attendees = people(*ranks)
    order = seating.speaking_order(attendees)
    ranked = [a for a in order if a["rank"] is not None]
    assert sorted(a["id"] for a in order) == sorted(a["id"] for a in attendees)
    assert [a["rank"] for a in ranked] == sorted((a["rank"] for a in ranked), reverse=True)
    assert all(a["rank"] is None for a in order[:len(order) - len(ranked)])
