"""Segments for bulk messages: only records with a lawful basis whose owners did not opt out (KVKK);
the SQL translation of a saved filter agrees with the pure reference predicate."""
import datetime as dt

import pytest

from contacts import segments
from contacts.exceptions import Conflict, InvalidInput, NotAllowed

from .conftest import DESK, FEN, PRESS, person, published


@pytest.fixture
def media(call):
    def journalist(name, **fields):
        return call("create_contact", person(name, category="gazeteci", **fields), DESK)
    return {
        "ok": journalist("Deniz Aksoy", emails=["deniz@gazete.example"], phones=["0532 111 22 33", "0232 251 00 00"],
                         consent={"basis": "alenilestirme"}, tags=["Yerel Basın"],
                         addresses=["Akçay Cd. No:12, Gaziemir"],
                         roles=[{"office": "muhabir", "organisation_name": "Ege Telgraf", "started_on": "2025-01-01"}]),
        "landline": journalist("Selin Koç", phones=["0232 251 00 01"], consent={"basis": "acik_riza"}),
        "no_basis": journalist("Burak Şahin", emails=["burak@tv.example"], tags=["yerel basin"]),
        "opted_out": journalist("Ceren Öz", emails=["ceren@radyo.example"], consent={"basis": "acik_riza"},
                                tags=["yerel basın"]),
    }


def test_segment_members_leave_out_opted_out_and_no_basis_contacts(call, media, amqp_uri):
    call("opt_out", media["opted_out"]["id"], DESK)
    fixed = call("create_segment", {"name": "Basın listesi", "kind": "fixed",
                                    "members": [m["id"] for m in media.values()]}, PRESS)
    by_filter = call("create_segment", {"name": "Gazeteciler", "kind": "filter",
                                        "filter": {"categories": ["gazeteci"]}}, PRESS)
    expected = [
        {"contact_id": media["ok"]["id"], "full_name": "Deniz Aksoy", "email": "deniz@gazete.example",
         "phone": "+905321112233", "address": "Akçay Cd. No:12, Gaziemir", "organisation": "Ege Telgraf"},
        {"contact_id": media["landline"]["id"], "full_name": "Selin Koç", "email": None, "phone": None,
         "address": None, "organisation": None},
    ]
    assert call("segment_members", fixed["id"]) == expected  # no actor: press asks service to service
    assert call("segment_members", by_filter["id"]) == expected
    assert {s["name"]: s["members"] for s in call("list_segments", DESK)} == {"Basın listesi": 2, "Gazeteciler": 2}
    changes = published(amqp_uri, "segment_changed", 2, consumer="press")
    assert [(c["name"], c["kind"], c["change"]) for c in changes] == [
        ("Basın listesi", "fixed", "created"), ("Gazeteciler", "filter", "created")]


def test_only_the_persons_new_explicit_consent_brings_them_back_after_an_opt_out(call, media):
    ceren = media["opted_out"]["id"]
    call("opt_out", ceren, DESK, "2026-03-01")
    segment = call("create_segment", {"name": "Yerel basın", "kind": "fixed", "members": [ceren]}, DESK)
    for consent in ({"basis": "mesru_menfaat", "given_on": "2026-05-01"},  # not the person's own consent
                    {"basis": "acik_riza", "given_on": "2026-02-01"}):  # given before the opt-out
        call("update_contact", ceren, {"consent": consent}, DESK)
        assert call("get_contact", ceren, DESK)["consent"]["opted_out_on"] == "2026-03-01"
        assert call("segment_members", segment["id"]) == []
    again = call("update_contact", ceren, {"consent": {"basis": "acik_riza", "given_on": "2026-05-01"}}, DESK)
    assert again["consent"] == {"basis": "acik_riza", "given_on": "2026-05-01", "opted_out_on": None}
    assert [m["contact_id"] for m in call("segment_members", segment["id"])] == [ceren]


def test_the_sql_of_a_filter_agrees_with_the_reference_predicate(call, media):
    call("opt_out", media["opted_out"]["id"], DESK, "2026-01-02")
    saved = {"tags": ["YEREL BASIN"], "has_email": True}
    segment = call("create_segment", {"name": "Yerel basın", "kind": "filter", "filter": saved}, DESK)
    records = [call("get_contact", m["id"], DESK) for m in media.values()]
    for record in records:  # the reference reads dates, not the strings an RPC answer carries
        opted_out = record["consent"]["opted_out_on"]
        record["consent"]["opted_out_on"] = opted_out and dt.date.fromisoformat(opted_out)
    reference = [r["id"] for r in records
                 if segments.matches(r, segments.load({**saved, "for_bulk": True}), dt.date.today())]
    assert [m["contact_id"] for m in call("segment_members", segment["id"])] == reference == [media["ok"]["id"]]


def test_fixed_lists_change_by_hand_and_filters_do_not(call, media):
    fixed = call("create_segment", {"name": "Elle", "kind": "fixed"}, DESK)
    assert call("add_to_segment", fixed["id"], [media["ok"]["id"]], DESK)["members"] == 1
    assert call("remove_from_segment", fixed["id"], [media["ok"]["id"]], DESK)["members"] == 0
    saved = call("create_segment", {"name": "Süzgeç", "kind": "filter", "filter": {"categories": ["gazeteci"]}}, DESK)
    with pytest.raises(Conflict):
        call("add_to_segment", saved["id"], [media["ok"]["id"]], DESK)
    with pytest.raises(Conflict):
        call("create_segment", {"name": "Elle", "kind": "fixed"}, DESK)
    with pytest.raises(InvalidInput) as raised:
        call("create_segment", {"name": "Bozuk", "kind": "filter", "filter": {"categories": ["uzayli"]}}, DESK)
    assert raised.value.args[0] == {"filter.categories": ["Bilinmeyen kategori: uzayli."]}
    with pytest.raises(InvalidInput):
        call("update_segment", saved["id"], {"filter": {"for_bulk": True, "include_opted_out": True}}, DESK)
    assert call("delete_segment", saved["id"], DESK)["deleted"] is True
    with pytest.raises(NotAllowed):
        call("list_segments", FEN)
