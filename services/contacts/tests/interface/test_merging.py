"""Duplicates proposed from the database's blocks, merged by staff without losing anything, or dismissed by
staff as two different records."""
import pytest

from contacts.exceptions import Conflict, InvalidInput, NotAllowed, NotFound

from .conftest import DESK, EVERY_EVENT, person, published


@pytest.fixture
def pair(call):
    a = call("create_contact", person("İsmail Işık", category="ilce_protokolu", phones=["0532 111 22 33"],
                                      roles=[{"office": "muhtar", "organisation_name": "Sarnıç Mahallesi",
                                              "started_on": "2014-04-01", "ended_on": "2019-03-31"}]), DESK)
    b = call("create_contact", person("ISMAIL ISIK", category="ilce_protokolu", emails=["ismail@example.org"],
                                      phones=["+90 532 111 2233"], external_ref="K-77",
                                      consent={"basis": "acik_riza"},
                                      roles=[{"office": "belediye_meclis_uyesi", "title": "Meclis Üyesi",
                                              "started_on": "2019-04-01"}]), DESK)
    c = call("create_contact", person("Mehmet Yılmaz", phones=["0532 999 88 77"]), DESK)
    d = call("create_contact", person("Mehmt Yılmaz"), DESK)
    return a, b, c, d


def test_duplicates_are_proposed_with_their_reasons(call, pair):
    a, b, c, d = pair
    candidates = {tuple(sorted(x["ids"])): x for x in call("duplicate_candidates", DESK)}
    same = candidates[tuple(sorted((a["id"], b["id"])))]
    assert same["reasons"] == ["same_phone", "same_name"] and same["score"] == 100
    assert same["reason_labels"] == ["Aynı telefon numarası", "Aynı ad"]
    typo = candidates[tuple(sorted((c["id"], d["id"])))]
    assert typo["reasons"] == ["similar_name"]
    assert len(candidates) == 2


def test_a_merge_keeps_every_role_phone_membership_and_invitation(call, pair, query, amqp_uri):
    a, b, _, _ = pair
    segment = call("create_segment", {"name": "Protokol", "kind": "fixed", "members": [b["id"]]}, DESK)
    event = call("create_event", {"kind": "toren", "title": "Açılış", "starts_at": "2030-05-19T10:00:00+03:00",
                                  "rows": [3]}, DESK, **EVERY_EVENT)
    call("invite", event["id"], [b["id"]], [], DESK, **EVERY_EVENT)

    result = call("merge_contacts", a["id"], b["id"], DESK)
    kept = result["contact"]
    assert kept["id"] == a["id"]
    assert sorted((r["office"], r["ended_on"]) for r in kept["roles"]) == [
        ("belediye_meclis_uyesi", None), ("muhtar", "2019-03-31")]
    assert kept["phones"] == ["+905321112233"] and kept["emails"] == ["ismail@example.org"]
    assert (kept["external_ref"], kept["consent"]["basis"]) == ("K-77", "acik_riza")
    assert {"field": "emails", "value": "ismail@example.org"} in result["moved"]

    assert call("get_contact", b["id"], DESK)["merged_into"] == a["id"]
    assert [m["contact_id"] for m in call("segment_members", segment["id"])] == [a["id"]]
    assert [g["contact_id"] for g in call("attendance", event["id"], DESK)["guests"]] == [a["id"]]
    assert [c["id"] for c in call("search_contacts", "ismail isik", {}, DESK)["contacts"]] == [a["id"]]
    assert call("duplicate_candidates", DESK)[0]["ids"] != sorted([a["id"], b["id"]])
    assert query("SELECT count(*) AS n FROM roles WHERE person_id = %s", b["id"])[0]["n"] == 0

    merged = [c for c in published(amqp_uri, "contact_changed", 6, consumer="press") if c["change"] == "merged"]
    assert merged == [{"contact_id": b["id"], "change": "merged", "merged_into": a["id"], "changed_by": "halkla"}]

    with pytest.raises(Conflict):
        call("update_contact", b["id"], {"notes": "x"}, DESK)


def test_a_person_is_not_merged_into_itself_or_into_an_organisation(call, pair):
    a = pair[0]
    oda = call("create_contact", {"kind": "organisation", "name": "Esnaf Odası", "category": "esnaf_odasi"}, DESK)
    with pytest.raises(InvalidInput):
        call("merge_contacts", a["id"], a["id"], DESK)
    with pytest.raises(InvalidInput):
        call("merge_contacts", a["id"], oda["id"], DESK)


MAYOR = {"id": "baskanlik", "role": "mayor_office", "directorate": None}


def _pairs(call):
    return {frozenset(x["ids"]) for x in call("duplicate_candidates", DESK)}


def test_a_pair_staff_dismissed_is_no_longer_proposed_but_each_record_still_pairs_with_others(call, pair, query):
    a, b, c, d = pair
    e = call("create_contact", person("Mehmet Yılmaz", neighbourhood="Aktepe"), DESK)
    assert {frozenset((c["id"], d["id"])), frozenset((c["id"], e["id"])), frozenset((d["id"], e["id"]))} <= _pairs(
        call)

    reason = "Farklı kişiler: biri Sarnıç'ta, biri Aktepe'de."
    dismissed = call("dismiss_duplicate", [d["id"], c["id"]], DESK, reason)
    assert dismissed["ids"] == sorted([c["id"], d["id"]])
    assert (dismissed["dismissed_by"], dismissed["reason"]) == ("halkla", reason) and dismissed["dismissed_at"]
    assert _pairs(call) == {frozenset((a["id"], b["id"])), frozenset((c["id"], e["id"])),
                            frozenset((d["id"], e["id"]))}

    # again, in the other order and with another reason: nothing changes, the same answer
    assert call("dismiss_duplicate", [c["id"], d["id"]], DESK, "başka") == dismissed
    assert query("SELECT count(*) AS n FROM not_duplicates")[0]["n"] == 1

    call("dismiss_duplicate", [b["id"], a["id"]], DESK)
    assert _pairs(call) == {frozenset((c["id"], e["id"])), frozenset((d["id"], e["id"]))}


def test_a_dismissal_survives_a_merge_and_a_merged_away_record_is_not_dismissed_again(call, pair):
    _, _, c, d = pair
    e = call("create_contact", person("Mehmet Yılmaz", neighbourhood="Aktepe"), DESK)
    call("dismiss_duplicate", [c["id"], e["id"]], DESK)
    call("merge_contacts", d["id"], e["id"], DESK)
    assert frozenset((c["id"], d["id"])) in _pairs(call)
    with pytest.raises(Conflict):
        call("dismiss_duplicate", [c["id"], e["id"]], DESK)


def test_a_dismissal_needs_a_writer_and_two_distinct_existing_records(call, pair):
    a, b, _, _ = pair
    with pytest.raises(NotAllowed):
        call("dismiss_duplicate", [a["id"], b["id"]], MAYOR)
    for ids in ([a["id"]], [a["id"], a["id"]], [a["id"], b["id"], a["id"]], a["id"], None):
        with pytest.raises(InvalidInput):
            call("dismiss_duplicate", ids, DESK)
    with pytest.raises(InvalidInput):
        call("dismiss_duplicate", [a["id"], b["id"]], DESK, "x" * 501)
    with pytest.raises(NotFound):
        call("dismiss_duplicate", [a["id"], "00000000-0000-4000-8000-000000000000"], DESK)
    assert frozenset((a["id"], b["id"])) in _pairs(call)
