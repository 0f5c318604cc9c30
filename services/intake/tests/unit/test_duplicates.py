from intake.duplicates import applicant_key, likely_duplicates


def test_same_applicant_is_recognised_by_tc_kimlik_no_then_email_then_phone():
    assert applicant_key({"tc_kimlik_no": "10000000146", "email": "a@x.org"}) == applicant_key({"tc_kimlik_no": "10000000146"})
    assert applicant_key({"email": "AYSE@Example.org"}) == applicant_key({"email": "ayse@example.org"})
    assert applicant_key({"phone": "+90 532 111 22 33"}) == applicant_key({"phone": "905321112233"})
    assert applicant_key({}) is None


def test_key_does_not_reveal_the_identifier():
    assert "10000000146" not in applicant_key({"tc_kimlik_no": "10000000146"})


def test_the_same_complaint_written_again_is_flagged_and_a_different_one_is_not():
    recent = [{"tracking_number": "GZM-2026-000001", "subject": "ÇÖP TOPLANMIYOR",
               "body": "Sokağımızda üç gündür çöp alınmadı."},
              {"tracking_number": "GZM-2026-000002", "subject": "Park", "body": "Parktaki salıncak kırık."}]
    again = {"subject": "Çöp toplanmıyor", "body": "Sokağımızda üç gündür çöp alınmadı!"}
    assert likely_duplicates(again, recent) == ["GZM-2026-000001"]
    assert likely_duplicates({"subject": "Köpek", "body": "Sokak köpekleri aç."}, recent) == []
