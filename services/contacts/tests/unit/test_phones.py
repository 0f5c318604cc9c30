"""Phone numbers normalised to E.164, Turkey by default."""
import pytest

from contacts import phones


@pytest.mark.parametrize("raw, e164", [
    ("0232 251 00 00", "+902322510000"),
    ("+90 (532) 111 22 33", "+905321112233"),
    ("5321112233", "+905321112233"),
    ("0 (532) 111-22-33", "+905321112233"),
    ("444 1 234", "+904441234"),
    ("+44 20 7946 0958", "+442079460958"),
])
def test_numbers_written_the_turkish_way_become_e164(raw, e164):
    assert phones.normalise(raw) == e164


@pytest.mark.parametrize("raw", ["", "   ", None, "abc", "123", "0532 111"])
def test_an_invalid_number_is_refused_with_a_turkish_message(raw):
    with pytest.raises(phones.InvalidPhone) as caught:
        phones.normalise(raw)
    assert isinstance(caught.value, ValueError)
    assert "Telefon" in str(caught.value) or "telefon" in str(caught.value)


def test_display_is_national_for_turkey_and_international_abroad():
    assert phones.display("+905321112233") == "0532 111 22 33"
    assert phones.display("+442079460958").startswith("+44 20")


def test_display_reads_back_to_the_same_number():
    for number in ("+905321112233", "+902322510000", "+442079460958"):
        assert phones.normalise(phones.display(number)) == number


def test_mobiles_are_told_apart_from_landlines():
    assert phones.is_mobile("+905321112233")
    assert not phones.is_mobile("+902322510000")
