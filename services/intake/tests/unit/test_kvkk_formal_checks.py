"""Formal checks of a KVKK data subject's request (kvkk_basvurusu): a petition's, and the TC Kimlik No."""
from contracts.inbound import TYPES_BY_CHANNEL
from intake import labels
from intake.formal_checks import KVKK_ARTICLE, find_defects, law_of

ARTICLE = "KVKK m. 13; Veri Sorumlusuna Başvuru Usul ve Esasları Hakkında Tebliğ m. 5"


def request(channel="dilekce", **applicant):
    person = {"full_name": "Ayşe Yılmaz", "postal_address": "Sarnıç Mah. 1 Sok. No 2", "signed": True,
              "tc_kimlik_no": "10000000146"}
    person.update(applicant)
    return {"channel": channel, "type": "kvkk_basvurusu", "subject": "Kişisel verilerim",
            "body": "Hakkımda işlenen kişisel verilerin bir listesini istiyorum.", "applicant": person}


def codes(app):
    return [defect.code for defect in find_defects(app)]


def test_accepted_on_the_petition_and_e_belediye_channels_only():
    assert [c for c, types in TYPES_BY_CHANNEL.items() if "kvkk_basvurusu" in types] == ["dilekce", "e_belediye"]
    assert labels.TYPES["kvkk_basvurusu"] == "KVKK ilgili kişi başvurusu"


def test_a_complete_request_has_no_defects():
    assert law_of(request()) == "kvkk"
    assert codes(request()) == []


def test_without_tc_kimlik_no_it_is_not_processed_with_the_article():
    [defect] = find_defects(request(tc_kimlik_no=None))
    assert defect.code == "tckn_yok"
    assert defect.article == ARTICLE == KVKK_ARTICLE
    assert "Kimlik" in defect.message


def test_name_and_a_way_to_reach_the_applicant_as_for_a_petition():
    assert codes(request(full_name="", postal_address=None)) == ["ad_soyad_yok", "adres_yok"]
    assert codes(request(channel="e_belediye", postal_address=None, email="a@example.org")) == []
    assert codes(request(channel="dilekce", postal_address=None, email="a@example.org")) == ["adres_yok"]
    assert codes(request(signed=False)) == ["imza_yok"]
    assert all(d.article == ARTICLE for d in find_defects(request(full_name="", tc_kimlik_no="")))
