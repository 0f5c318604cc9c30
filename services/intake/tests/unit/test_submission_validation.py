"""The contract's validation, as a submitting system meets it (no broker, no database)."""
import pytest

from intake.exceptions import InvalidSubmission
from intake.formal_checks import find_defects
from intake.submission import load_submission


def valid(**changes):
    data = {"channel": "cimer", "type": "sikayet", "category": "cop", "subject": "Çöp",
            "body": "Sokağımızda çöp alınmadı.", "applicant": {"full_name": "Ayşe Yılmaz", "email": "a@example.org"}}
    data.update(changes)
    return data


def errors_of(data):
    with pytest.raises(InvalidSubmission) as caught:
        load_submission(data)
    return caught.value.args[0]


def test_a_valid_submission_loads():
    assert load_submission(valid())["channel"] == "cimer"


def test_a_wrong_tc_kimlik_no_checksum_is_no_field_error_but_a_4982_application_is_not_processed():
    """The checksum is the applicant's data, not the calling system's malformed request (DOMAIN.md §2)."""
    wrong = {"full_name": "Ali Kaya", "tc_kimlik_no": "17291716050", "email": "ali@example.org"}
    petition = load_submission(valid(applicant=wrong))
    assert "tckn_gecersiz" not in [defect.code for defect in find_defects(petition)]
    request = load_submission(valid(channel="bilgi_edinme", type="bilgi_edinme", category="harcama",
                                    body="Konser için ne kadar harcandı?", applicant=wrong))
    [defect] = find_defects(request)
    assert (defect.code, defect.message) == ("tckn_gecersiz", "Başvurudaki T.C. Kimlik Numarası geçerli değil.")
    right = load_submission(valid(channel="bilgi_edinme", type="bilgi_edinme", category="harcama",
                                  body="Konser için ne kadar harcandı?", applicant={**wrong,
                                                                                   "tc_kimlik_no": "17291716060"}))
    assert find_defects(right) == []


def test_a_tc_kimlik_no_that_is_not_eleven_digits_is_a_field_error():
    assert "tc_kimlik_no" in errors_of(valid(applicant={"tc_kimlik_no": "1729171605X"}))["applicant"]


def test_a_tc_kimlik_no_starting_with_zero_is_refused_and_a_valid_one_accepted():
    assert "tc_kimlik_no" in errors_of(valid(applicant={"tc_kimlik_no": "07291716092"}))["applicant"]
    assert load_submission(valid(applicant={"tc_kimlik_no": "17291716060"}))


def test_a_type_the_channel_does_not_carry_is_refused():
    assert "type" in errors_of(valid(channel="bilgi_edinme", type="sikayet"))


def test_unknown_fields_are_refused_not_dropped():
    assert errors_of(valid(oncelik="yüksek")) == {"oncelik": ["Bilinmeyen alan."]}


def test_field_errors_are_in_turkish():
    errors = errors_of({"channel": "faks", "applicant": {"email": "not-an-address"}})
    assert errors["channel"] == ["Şunlardan biri olmalı: bilgi_edinme, dilekce, cimer, muhtar, halk_masasi, e_belediye, basin."]
    assert errors["body"] == ["Bu alan zorunludur."]
    assert errors["applicant"]["email"] == ["Geçerli bir e-posta adresi olmalı."]


def test_a_source_reference_needs_its_source_system():
    assert "source_reference" in errors_of(valid(source_reference="CMR-1"))


def test_attachment_of_a_forbidden_type_is_refused():
    errors = errors_of(valid(attachments=[{"filename": "a.exe", "content_type": "application/x-msdownload",
                                           "content_base64": "AAAA"}]))
    assert "content_type" in errors["attachments"][0]


def test_too_many_attachments_are_refused():
    one = {"filename": "a.pdf", "content_type": "application/pdf", "content_base64": "JVBERg=="}
    assert "attachments" in errors_of(valid(attachments=[one] * 6))


def test_received_at_must_be_a_plausible_past_instant_and_is_kept_in_utc():
    assert "received_at" in errors_of(valid(received_at="2099-01-01T00:00:00+03:00"))
    assert "received_at" in errors_of(valid(received_at="1999-12-31T00:00:00+00:00"))
    assert "received_at" in errors_of(valid(received_at="0001-01-01T00:00:00+05:00"))
    loaded = load_submission(valid(received_at="2026-03-13T23:30:00-23:53"))
    assert loaded["received_at"].utcoffset().total_seconds() == 0


def test_control_characters_in_text_are_refused():
    assert errors_of(valid(body="çöp\x00alınmadı"))["body"] == ["Metin denetim karakteri içeremez."]
    assert load_submission(valid(body="satır 1\nsatır 2\tsekme"))
