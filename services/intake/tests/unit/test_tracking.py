from intake.tracking import format_tracking_number, lookup_code, lookup_code_matches


def test_tracking_number_has_the_municipality_year_and_six_digits():
    assert format_tracking_number("GZM", 2026, 123) == "GZM-2026-000123"


def test_lookup_code_is_stable_for_an_application_and_differs_between_applications():
    assert lookup_code("s", "app-1") == lookup_code("s", "app-1")
    assert lookup_code("s", "app-1") != lookup_code("s", "app-2")
    assert lookup_code("s", "app-1") != lookup_code("other-secret", "app-1")


def test_lookup_code_avoids_characters_misread_on_the_phone():
    for n in range(200):
        code = lookup_code("s", f"app-{n}")
        assert len(code) == 9 and code[4] == "-"
        assert not set(code) & set("01OIL")


def test_lookup_code_is_accepted_in_any_case_and_without_the_dash():
    code = lookup_code("s", "app-1")
    assert lookup_code_matches("s", "app-1", code.lower().replace("-", ""))
    assert not lookup_code_matches("s", "app-2", code)
    assert not lookup_code_matches("s", "app-1", "")


def test_a_code_typed_with_turkish_letters_is_simply_wrong():
    assert not lookup_code_matches("s", "app-1", "ĞÜŞİ-ÇÖĞÜ")
