"""What staff send is checked field by field, with Turkish messages, and normalised."""
import datetime as dt

import pytest

from contacts import schemas
from contacts.exceptions import InvalidInput, NotFound


def test_a_record_loads_with_phones_in_e164_and_emails_lowercased():
    record = schemas.load(schemas.ContactSchema, {
        "kind": "person", "full_name": "İsmail Işık", "phones": ["0532 111 22 33", "+90 532 111 2233"],
        "emails": ["Ismail@Example.org"], "tags": [" gazi ", "gazi"],
        "roles": [{"office": "kaymakam", "started_on": "2025-09-01"}], "consent": {"basis": "acik_riza"}})
    assert record["phones"] == ["+905321112233"]
    assert record["emails"] == ["ismail@example.org"]
    assert record["tags"] == ["gazi"]
    assert record["roles"][0]["started_on"] == dt.date(2025, 9, 1)
    assert record["consent"] == {"basis": "acik_riza", "given_on": None}


def test_errors_name_each_field_nested_ones_with_their_path():
    with pytest.raises(InvalidInput) as raised:
        schemas.load(schemas.ContactSchema, {"kind": "organisation", "roles": [{"started_on": "dün"}],
                                             "consent": {"given_on": "13/03/2026"}})
    errors = raised.value.errors
    assert errors["name"] == ["Kurum adı yazılmalı."]
    assert errors["roles.0.started_on"] == ["Geçerli bir tarih değil (YYYY-AA-GG)."]
    assert errors["consent.given_on"] == ["Geçerli bir tarih değil (YYYY-AA-GG)."]


def test_a_role_needs_an_office_and_cannot_end_before_it_starts():
    with pytest.raises(InvalidInput) as raised:
        schemas.load(schemas.RoleSchema, {"started_on": "2024-04-08", "ended_on": "2024-04-01"})
    assert set(raised.value.errors) == {"office"}
    with pytest.raises(InvalidInput) as raised:
        schemas.load(schemas.RoleSchema, {"office": "muhtar", "started_on": "2024-04-08", "ended_on": "2024-04-01"})
    assert raised.value.errors == {"ended_on": ["Bitiş tarihi başlangıçtan önce olamaz."]}


def test_an_event_needs_a_known_kind_and_a_time_with_its_zone():
    with pytest.raises(InvalidInput) as raised:
        schemas.load(schemas.EventSchema, {"kind": "dugun", "title": "X", "starts_at": "2026-10-29T10:00:00",
                                           "rows": [5, 0]})
    assert set(raised.value.errors) == {"kind", "starts_at", "rows.1"}


def test_an_id_that_is_not_a_uuid_names_nothing():
    with pytest.raises(NotFound):
        schemas.identifier("1; DROP TABLE contacts")
    assert str(schemas.identifier("3b5d7f9a-1c3e-4a5b-8d7f-9a1c3e5b7d9f")) == "3b5d7f9a-1c3e-4a5b-8d7f-9a1c3e5b7d9f"


def test_a_blank_external_reference_is_no_reference_so_two_blank_ones_do_not_collide():
    for blank in ("", "   "):
        loaded = schemas.load(schemas.ContactSchema, {"kind": "person", "full_name": "Ali Veli", "category": "muhtar",
                                                      "external_ref": blank})
        assert loaded["external_ref"] is None
