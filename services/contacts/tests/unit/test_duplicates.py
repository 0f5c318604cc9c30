"""Duplicate candidates and merging: contact points united, every role kept."""
from datetime import date

from contacts import duplicates


def person(id, name, **fields):
    return {"id": id, "kind": "person", "full_name": name, **fields}


def test_match_keys_are_the_sorted_folded_name_each_phone_and_each_lowercased_email():
    record = person(1, "İsmail IŞIK", phones=["0532 111 22 33", "+902322510000"], emails=["Ismail@Example.ORG"])
    assert duplicates.match_keys(record) == {
        "name:isik ismail", "phone:+905321112233", "phone:+902322510000", "email:ismail@example.org"}


def test_names_in_another_order_and_case_share_a_name_key():
    assert duplicates.name_key(person(1, "Işık İsmail")) == duplicates.name_key(person(2, "ISMAIL ışık"))


def test_same_phone_written_differently_is_a_candidate():
    found = duplicates.candidates([person(1, "Ali Veli", phones=["0532 111 22 33"]),
                                   person(2, "Hasan Hüseyin", phones=["+90 532 111 2233"])])
    assert [(c["ids"], c["reasons"]) for c in found] == [((1, 2), ["same_phone"])]


def test_same_email_and_same_name_are_candidates_with_both_reasons():
    found = duplicates.candidates([person("a", "Ayşe Kaya", emails=["ayse@example.org"]),
                                   person("b", "KAYA Ayşe", emails=["AYSE@example.org"])])
    assert found == [{"ids": ("a", "b"), "reasons": ["same_email", "same_name"], "score": 100}]


def test_a_misspelt_name_with_the_same_first_letter_is_a_similar_name():
    found = duplicates.candidates([person(1, "Mehmet Yılmazoğlu"), person(2, "Mehmet Yilmazoglu."),
                                   person(3, "Zeynep Arslan")])
    assert [(c["ids"], c["reasons"]) for c in found] == [((1, 2), ["similar_name"])]


def test_similar_names_in_different_blocks_are_not_compared():
    # the token-sorted keys "ahmet demirel" and "bhmet demirel" fall in blocks "a" and "b"
    found = duplicates.candidates([person(1, "Ahmet Demirel"), person(2, "Bhmet Demirel")])
    assert found == []


def test_similar_names_in_the_same_organisation_are_compared_across_first_letters():
    role = [{"organisation_id": "org-7", "office": "uye"}]
    found = duplicates.candidates([person(1, "Ahmet Demirel", roles=role), person(2, "Bhmet Demirel", roles=role)])
    assert [(c["ids"], c["reasons"]) for c in found] == [((1, 2), ["similar_name"])]


def test_a_person_and_an_organisation_are_never_candidates():
    org = {"id": 2, "kind": "organisation", "name": "Gaziemir Spor Kulübü", "phones": ["0232 251 00 00"]}
    assert duplicates.candidates([person(1, "Gaziemir Spor Kulübü", phones=["0232 251 00 00"]), org]) == []


def test_a_switchboard_number_shared_by_many_records_is_not_evidence():
    many = [person(i, f"Kişi {i:03d} Soyad{i}", phones=["0232 251 00 00"])
            for i in range(duplicates.SHARED_CONTACT_LIMIT + 1)]
    assert all("same_phone" not in c["reasons"] for c in duplicates.candidates(many))


def test_candidates_are_sorted_by_score():
    found = duplicates.candidates([person(1, "Ali Kaya", phones=["05321112233"]), person(2, "Veli Can"),
                                   person(3, "Veli Can"), person(4, "Hasan Öz", phones=["05321112233"])])
    assert [c["ids"] for c in found] == [(2, 3), (1, 4)]


def test_merge_unites_contact_points_without_repeats_and_says_what_moved():
    keep = person(1, "Ayşe Kaya", phones=["+905321112233"], emails=["ayse@example.org"], tags=["Gazi"],
                  notes="İlk not", addresses=["Atatürk Cd. 1"])
    other = person(2, "Ayşe Kaya", phones=["0532 111 22 33", "+902322510000"], emails=["AYSE@example.org", "a@b.org"],
                   tags=["gazi", "şehit yakını"], notes="İkinci not", addresses=["atatürk cd. 1", "İnönü Cd. 5"])
    merged, moved = duplicates.merge(keep, other)
    assert merged["id"] == 1
    assert merged["phones"] == ["+905321112233", "+902322510000"]
    assert merged["emails"] == ["ayse@example.org", "a@b.org"]
    assert merged["tags"] == ["Gazi", "şehit yakını"]
    assert merged["addresses"] == ["Atatürk Cd. 1", "İnönü Cd. 5"]
    assert merged["notes"] == "İlk not\n\nİkinci not"
    assert {"field": "phones", "value": "+902322510000"} in moved
    assert {"field": "tags", "value": "şehit yakını"} in moved
    assert {"field": "notes", "value": "İkinci not"} in moved


def test_merge_keeps_every_role_of_both_records_so_history_is_never_lost():
    old = {"organisation_id": "o1", "office": "muhtar", "started_on": date(2014, 4, 1), "ended_on": date(2019, 3, 31)}
    now = {"organisation_id": "o2", "office": "stk_baskani", "started_on": date(2020, 1, 1), "ended_on": None}
    same = {"organisation_id": "o3", "office": "uye", "started_on": None, "ended_on": None}
    merged, moved = duplicates.merge(person(1, "Ali Can", roles=[old, same]),
                                     person(2, "Ali Can", roles=[now, dict(same)]))
    assert merged["roles"] == [old, same, now]
    assert [m["value"] for m in moved if m["field"] == "roles"] == [now]


def test_merge_changes_neither_input():
    keep, other = person(1, "A B", phones=["+905321112233"]), person(2, "A B", phones=["+902322510000"])
    duplicates.merge(keep, other)
    assert keep["phones"] == ["+905321112233"] and other["phones"] == ["+902322510000"]


def test_merge_fills_what_keep_lacks_and_an_opt_out_on_either_side_survives():
    keep = person(1, "Ali Can", consent={"basis": None, "given_on": None, "opted_out_on": None},
                  last_verified_on=date(2025, 1, 1))
    other = person(2, "Ali Can", category="muhtar", neighbourhood="Sarnıç", last_verified_on=date(2026, 2, 1),
                   consent={"basis": "acik_riza", "given_on": date(2024, 5, 1), "opted_out_on": date(2025, 6, 1)})
    merged, _ = duplicates.merge(keep, other)
    assert merged["category"] == "muhtar" and merged["neighbourhood"] == "Sarnıç"
    assert merged["consent"] == {"basis": "acik_riza", "given_on": date(2024, 5, 1), "opted_out_on": date(2025, 6, 1)}
    assert merged["last_verified_on"] == date(2026, 2, 1)


def test_role_active_includes_both_end_days():
    role = {"started_on": date(2026, 1, 1), "ended_on": date(2026, 1, 31)}
    assert duplicates.role_active(role, date(2026, 1, 1)) and duplicates.role_active(role, date(2026, 1, 31))
    assert not duplicates.role_active(role, date(2026, 2, 1))
    assert duplicates.role_active({}, date(1990, 1, 1))
