"""DOMAIN.md §2 formal checks: what is *işleme konulmaz*, and why."""
from intake.formal_checks import find_defects, law_of


def application(channel="dilekce", type_="sikayet", body="Sokağımızda çöp üç gündür alınmıyor.", **applicant):
    person = {"full_name": "Ayşe Yılmaz", "postal_address": "Sarnıç Mah. 1 Sok. No 2", "signed": True}
    person.update(applicant)
    return {"channel": channel, "type": type_, "subject": "Çöp", "body": body, "applicant": person}


def codes(app):
    return [defect.code for defect in find_defects(app)]


def test_a_complete_petition_has_no_defects():
    assert codes(application()) == []


def test_petition_without_name_and_address_is_not_processed_with_both_reasons():
    defects = find_defects(application(full_name="", postal_address=None))
    assert [d.code for d in defects] == ["ad_soyad_yok", "adres_yok"]
    assert all(d.article.startswith("3071") for d in defects)
    assert "adı ve soyadı" in defects[0].message


def test_unsigned_paper_petition_is_not_processed():
    assert codes(application(signed=False)) == ["imza_yok"]


def test_electronic_petition_may_give_an_email_instead_of_a_postal_address():
    assert codes(application(channel="cimer", postal_address=None, email="a@example.org")) == []
    assert codes(application(channel="dilekce", postal_address=None, email="a@example.org")) == ["adres_yok"]


def test_information_request_needs_the_tc_kimlik_no():
    app = application(channel="bilgi_edinme", type_="bilgi_edinme", email="m@example.org")
    assert codes(app) == ["tckn_yok"]
    assert codes(dict(app, applicant=dict(app["applicant"], tc_kimlik_no="10000000146"))) == []


def test_cimer_information_request_follows_law_4982():
    assert law_of({"channel": "cimer", "type": "bilgi_edinme"}) == "4982"
    assert law_of({"channel": "cimer", "type": "sikayet"}) == "3071"


def test_muhtar_and_service_desk_requests_have_no_statutory_form():
    assert codes(application(channel="muhtar", type_="istek", full_name="", postal_address=None)) == []
    assert law_of({"channel": "halk_masasi", "type": "istek"}) is None


def test_petition_with_no_definite_subject_is_not_processed():
    app = application(body="?")
    app["subject"] = ""
    assert codes(app) == ["konu_belirsiz"]
