"""A re-imported row adds what is new to its record and changes nothing else."""
import datetime as dt

from contacts.imports import combine

STORED = {
    "id": "6a9c2e4f-1b3d-4f5a-8c7e-9d0b1a2c3e4f", "kind": "person", "full_name": "Ayşe Gül Doğan",
    "category": "muhtar", "phones": ["+905321112233"], "emails": [], "addresses": [], "neighbourhood": "Sarnıç",
    "tags": ["Gazi"], "notes": "", "external_ref": "K-002",
    "roles": [{"id": 1, "office": "muhtar", "organisation_name": "Sarnıç Mahallesi",
               "title": "Sarnıç Mahallesi Muhtarı", "started_on": dt.date(2024, 4, 8), "ended_on": None}],
    "consent": {"basis": "acik_riza", "given_on": None, "opted_out_on": dt.date(2025, 1, 2)},
}


def row(**changes):
    return {"kind": "person", "full_name": "Ayşe Gül Doğan", "category": "muhtar", "phones": ["+905321112233"],
            "emails": [], "addresses": [], "neighbourhood": "Sarnıç", "tags": ["gazi"], "notes": "",
            "external_ref": "K-002", "consent": {"basis": None, "given_on": None, "opted_out_on": None},
            "roles": [{"office": "Sarnıç Mahallesi Muhtarı", "organisation_name": "SARNIÇ MAHALLESİ",
                       "title": "Sarnıç Mahallesi Muhtarı", "started_on": None, "ended_on": None}], **changes}


def test_the_same_row_changes_nothing():
    combined, new_roles = combine(STORED, row())
    assert combined == STORED and new_roles == []


def test_a_new_phone_and_a_new_office_are_added_and_the_opt_out_survives():
    combined, new_roles = combine(STORED, row(phones=["+905321112233", "+905554443322"],
                                              roles=[{"office": "stk_baskani", "organisation_name": "Gazi Derneği",
                                                      "title": None, "started_on": None, "ended_on": None}]))
    assert combined["phones"] == ["+905321112233", "+905554443322"]
    assert [r["office"] for r in new_roles] == ["stk_baskani"]
    assert combined["consent"]["opted_out_on"] == dt.date(2025, 1, 2)
    assert combined["roles"] == STORED["roles"]
