"""A KVKK data-subject request (KVKK m. 11, 13) asks the information bank what it holds about one person:
the records with exactly this e-mail or phone, however the desk writes them, looked up as the bank stores
them; only the public relations desk and admins may ask."""
import pytest

from contacts.exceptions import NotAllowed

from .conftest import AUDITOR, DESK, PRESS, person

ADMIN = {"id": "yonetici", "role": "admin", "directorate": None}


def test_the_records_with_this_e_mail_or_phone_are_found_however_the_desk_writes_them(call):
    zeynep = call("create_contact", person("Zeynep Arslan", category="gazeteci", emails=["Zeynep.Arslan@Example.org"],
                                           consent={"basis": "kanunda_ongorulme"}), DESK)
    namesake = call("create_contact", person("Zeynep Arslan", category="muhtar", phones=["0532 765 43 21"]), DESK)
    call("create_contact", person("Ali Veli", category="gazeteci", phones=["0532 765 43 22"],
                                  emails=["ali@example.org"]), DESK)
    call("opt_out", namesake["id"], DESK, "2026-02-01")

    by_email = call("personal_data_of", None, "  ZEYNEP.arslan@example.ORG ", None, DESK)
    assert by_email == {"contacts": [{"id": zeynep["id"], "name": "Zeynep Arslan", "category": "gazeteci",
                                      "consent_basis": "kanunda_ongorulme", "opted_out_on": None}]}
    # the same number as E.164, with the trunk zero, with the country code and spaces: all one phone
    for written in ("+905327654321", "0 (532) 765 43 21", "90 532 765 4321", "5327654321"):
        assert [(c["id"], c["opted_out_on"]) for c in call("personal_data_of", None, None, written, ADMIN)[
            "contacts"]] == [(namesake["id"], "2026-02-01")], written
    both = call("personal_data_of", "10000000146", "zeynep.arslan@example.org", "0532 765 43 21", DESK)
    assert sorted(c["id"] for c in both["contacts"]) == sorted([zeynep["id"], namesake["id"]])


def test_nothing_is_found_by_a_tc_kimlik_no_the_bank_does_not_keep_or_a_number_it_could_not_store(call):
    call("create_contact", person("Deniz Kaya", category="gazeteci", phones=["0532 111 22 33"]), DESK)
    assert call("personal_data_of", "10000000146", None, None, DESK) == {}
    assert call("personal_data_of", None, None, "1234567", DESK) == {"contacts": []}
    assert call("personal_data_of", None, "kimse@example.org", None, DESK) == {"contacts": []}
    # the last ten digits alone are not the number: another country's number with the same digits is not hers
    assert call("personal_data_of", None, None, "+49 532 111 22 33", DESK) == {"contacts": []}


def test_a_merged_away_record_is_found_through_the_record_it_was_merged_into(call):
    keep = call("create_contact", person("Can Demir", category="gazeteci", emails=["can@example.org"]), DESK)
    other = call("create_contact", person("Can Demir", category="gazeteci", phones=["0532 999 88 77"]), DESK)
    call("merge_contacts", keep["id"], other["id"], DESK)
    assert [c["id"] for c in call("personal_data_of", None, None, "0532 999 88 77", DESK)["contacts"]] == [keep["id"]]


@pytest.mark.parametrize("actor", [AUDITOR, PRESS, {"id": "fenci", "role": "directorate_staff",
                                                   "directorate": "fen-isleri"}, None])
def test_only_the_public_relations_desk_and_admins_may_search(call, actor):
    with pytest.raises(NotAllowed):
        call("personal_data_of", None, "can@example.org", None, actor)
