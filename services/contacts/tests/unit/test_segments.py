"""Saved filters: validation with Turkish messages and the reference predicate."""
from datetime import date

import pytest
from marshmallow import ValidationError

from contacts import segments

TODAY = date(2026, 5, 11)


def record(**fields):
    base = {"id": "r1", "kind": "person", "full_name": "İsmail Işık", "category": "muhtar",
            "phones": ["+905321112233"], "emails": ["ismail@example.org"], "neighbourhood": "Sarnıç",
            "tags": ["Gazi"], "roles": [], "consent": {"basis": "kanunda_ongorulme", "given_on": None,
                                                      "opted_out_on": None}}
    return {**base, **fields}


def test_an_empty_filter_loads_with_every_key_and_matches_everyone():
    segment = segments.load({})
    assert segment["categories"] == [] and segment["include_opted_out"] is False and segment["for_bulk"] is False
    assert segments.matches(record(), segment, TODAY)


def test_errors_are_in_turkish_and_name_the_field():
    with pytest.raises(ValidationError) as caught:
        segments.load({"categories": ["kulup"], "active_on": "2026-13-01", "has_email": "belki", "renk": "mavi"})
    assert caught.value.messages == {
        "categories": ["Bilinmeyen kategori: kulup."],
        "active_on": ["Geçerli bir tarih değil (YYYY-AA-GG)."],
        "has_email": ["Evet/hayır olmalı."],
        "renk": ["Bilinmeyen alan."],
    }


def test_a_bulk_segment_can_never_include_the_opted_out():
    with pytest.raises(ValidationError) as caught:
        segments.load({"for_bulk": True, "include_opted_out": True})
    assert caught.value.messages == {
        "include_opted_out": ["Toplu gönderimde iletişimi reddetmiş kişiler listeye alınamaz."]}


def test_categories_tags_and_neighbourhoods_narrow_and_compare_turkish_folded():
    segment = segments.load({"categories": ["muhtar", "gazeteci"], "tags": ["GAZİ"], "neighbourhoods": ["sarnic"]})
    assert segments.matches(record(), segment, TODAY)
    assert not segments.matches(record(category="dernek"), segment, TODAY)
    assert not segments.matches(record(tags=["şehit yakını"]), segment, TODAY)
    assert not segments.matches(record(neighbourhood="Irmak"), segment, TODAY)
    assert not segments.matches(record(neighbourhood=None), segment, TODAY)


def test_organisation_and_office_must_hold_for_the_same_role_on_the_day():
    roles = [{"organisation_id": "o1", "office": "uye", "started_on": date(2020, 1, 1), "ended_on": None},
             {"organisation_id": "o2", "office": "stk_baskani", "started_on": date(2020, 1, 1), "ended_on": None}]
    def president_of(org):
        return segments.load({"organisation_id": org, "offices": ["stk_baskani"]})
    assert segments.matches(record(roles=roles), president_of("o2"), TODAY)
    assert not segments.matches(record(roles=roles), president_of("o1"), TODAY)


def test_a_role_that_ended_does_not_count_unless_the_filter_looks_back():
    roles = [{"organisation_id": "o1", "office": "muhtar", "started_on": date(2019, 4, 1),
              "ended_on": date(2024, 3, 31)}]
    looking_back = segments.load({"offices": ["muhtar"], "active_on": "2023-06-01"})
    assert not segments.matches(record(roles=roles), segments.load({"offices": ["muhtar"]}), TODAY)
    assert segments.matches(record(roles=roles), looking_back, TODAY)


def test_has_email_and_has_phone_are_three_valued():
    assert not segments.matches(record(emails=[]), segments.load({"has_email": True}), TODAY)
    assert segments.matches(record(emails=[]), segments.load({"has_email": False}), TODAY)
    assert not segments.matches(record(), segments.load({"has_phone": False}), TODAY)
    assert segments.matches(record(phones=[]), segments.load({"has_phone": None}), TODAY)


def test_the_opted_out_are_left_out_from_the_day_they_refused():
    refused = record(consent={"basis": "acik_riza", "given_on": None, "opted_out_on": date(2026, 5, 11)})
    assert not segments.matches(refused, segments.load({}), TODAY)
    assert segments.matches(refused, segments.load({}), date(2026, 5, 10))
    assert segments.matches(refused, segments.load({"include_opted_out": True}), TODAY)


def test_a_bulk_segment_keeps_only_records_with_a_lawful_basis_and_never_the_opted_out():
    bulk = segments.load({"for_bulk": True})
    assert segments.matches(record(), bulk, TODAY)
    assert not segments.matches(record(consent={"basis": None}), bulk, TODAY)
    assert not segments.matches(record(consent={}), bulk, TODAY)
    refused = record(consent={"basis": "acik_riza", "opted_out_on": date(2026, 1, 1)})
    assert not segments.matches(refused, {**bulk, "include_opted_out": True}, TODAY)
