"""The Turkish working-day calendar (DOMAIN.md §2, counting details)."""
from datetime import date

import pytest

from routing import calendar

CAL = calendar.WorkCalendar()


@pytest.mark.parametrize("day, kind", [
    (date(2026, 3, 16), "working"),
    (date(2026, 3, 14), "weekend"),
    (date(2026, 3, 15), "weekend"),
    (date(2026, 3, 19), "half_day"),        # Ramazan Bayramı arifesi
    (date(2026, 3, 20), "public_holiday"),  # Ramazan Bayramı, 1. gün
    (date(2026, 5, 26), "half_day"),        # Kurban Bayramı arifesi
    (date(2026, 5, 27), "public_holiday"),  # Kurban Bayramı, 1. gün (Diyanet)
    (date(2026, 5, 29), "public_holiday"),
    (date(2026, 10, 28), "half_day"),
    (date(2026, 10, 29), "public_holiday"),
    (date(2026, 1, 1), "public_holiday"),
    (date(2026, 4, 23), "public_holiday"),
    (date(2026, 7, 15), "public_holiday"),
])
def test_day_kind_of_2026(day, kind):
    assert CAL.day_kind(day) == kind


def test_kurban_bayrami_2026_is_on_diyanet_dates_not_a_day_early():
    # workalendar puts it on 26-29 May; Diyanet's first day is 27 May
    assert [CAL.day_kind(date(2026, 5, d)) for d in (26, 27, 28, 29)] == [
        "half_day", "public_holiday", "public_holiday", "public_holiday"]


def test_half_days_are_working_days():
    assert CAL.is_working_day(date(2026, 3, 19))
    assert CAL.is_working_day(date(2026, 10, 28))


def test_twenty_ninth_of_october_is_not_a_working_day():
    assert not CAL.is_working_day(date(2026, 10, 29))
    assert CAL.holiday_name(date(2026, 10, 29)) == "Cumhuriyet Bayramı"


def test_weekends_and_public_holidays_are_not_working_days():
    assert not CAL.is_working_day(date(2026, 3, 21))
    assert not CAL.is_working_day(date(2026, 3, 20))
    assert CAL.is_working_day(date(2026, 3, 23))


def test_idari_izin_day_is_a_working_day_of_its_own_kind():
    cal = calendar.WorkCalendar(idari_izin={date(2026, 5, 25)})
    assert cal.day_kind(date(2026, 5, 25)) == "idari_izin"
    assert cal.is_working_day(date(2026, 5, 25))
    assert cal.holiday_name(date(2026, 5, 25)) == "İdari izin"
    assert CAL.day_kind(date(2026, 5, 25)) == "working"


def test_idari_izin_granted_on_an_arife_is_idari_izin_all_day():
    cal = calendar.WorkCalendar(idari_izin={date(2026, 5, 26)})
    assert cal.day_kind(date(2026, 5, 26)) == "idari_izin"
    assert "Kurban Bayramı" in cal.reason(date(2026, 5, 26))


def test_idari_izin_does_not_override_weekend_or_public_holiday():
    cal = calendar.WorkCalendar(idari_izin={date(2026, 3, 21), date(2026, 3, 20)})
    assert cal.day_kind(date(2026, 3, 21)) == "weekend"
    assert cal.day_kind(date(2026, 3, 20)) == "public_holiday"


def test_holiday_on_a_weekend_is_not_moved_to_a_weekday():
    # Zafer Bayramı 2026 is a Sunday: the Monday after is an ordinary working day
    assert CAL.day_kind(date(2026, 8, 30)) == "weekend"
    assert CAL.holiday_name(date(2026, 8, 30)) == "Zafer Bayramı"
    assert CAL.day_kind(date(2026, 8, 31)) == "working"
    # Kurban Bayramı's last day, Saturday 30 May 2026: Monday 1 June works
    assert CAL.day_kind(date(2026, 6, 1)) == "working"


def test_full_holiday_wins_over_an_arife_on_the_same_day():
    # 2029-04-23 is both Kurban Bayramı arifesi and Ulusal Egemenlik ve Çocuk Bayramı
    day = date(2029, 4, 23)
    assert CAL.day_kind(day) == "public_holiday"
    assert CAL.holiday_name(day) == "Ulusal Egemenlik ve Çocuk Bayramı"
    assert not CAL.is_working_day(day)


def test_holiday_names_are_turkish():
    assert CAL.holiday_name(date(2026, 3, 20)) == "Ramazan Bayramı"
    assert CAL.holiday_name(date(2026, 3, 19)) == "Ramazan Bayramı (saat 13.00'ten)"
    assert CAL.holiday_name(date(2026, 5, 19)) == "Atatürk'ü Anma, Gençlik ve Spor Bayramı"
    assert CAL.holiday_name(date(2026, 3, 16)) is None
    assert CAL.holiday_name(date(2026, 3, 14)) is None


@pytest.mark.parametrize("day, kind", [
    (date(1999, 10, 29), "public_holiday"),
    (date(2040, 1, 2), "working"),
    (date(2045, 5, 1), "public_holiday"),
    (date(2045, 4, 23), "weekend"),
])
def test_any_year_is_loaded_on_demand(day, kind):
    assert calendar.WorkCalendar().day_kind(day) == kind


def test_years_beyond_diyanets_confirmed_dates_are_named_estimated():
    assert "tahmini" in CAL.holiday_name(date(2033, 1, 2))


def test_reasons_say_why_in_turkish():
    assert CAL.reason(date(2026, 3, 14)) == "hafta sonu"
    assert CAL.reason(date(2026, 3, 21)) == "hafta sonu (aynı gün Ramazan Bayramı; tatil kaydırılmaz)"
    assert CAL.reason(date(2026, 3, 20)) == "Ramazan Bayramı (resmî tatil)"
    assert CAL.reason(date(2026, 3, 19)) == "Ramazan Bayramı (saat 13.00'ten), yarım gün"
    assert calendar.WorkCalendar({date(2026, 4, 13)}).reason(date(2026, 4, 13)) == \
        "idari izin (resmî tatil değil, süre işler)"


@pytest.mark.parametrize("day, text", [
    (date(2026, 3, 13), "13.03.2026 Cuma"),
    (date(2026, 3, 14), "14.03.2026 Cumartesi"),
    (date(2026, 4, 6), "06.04.2026 Pazartesi"),
    (date(2026, 3, 17), "17.03.2026 Salı"),
    (date(2026, 3, 18), "18.03.2026 Çarşamba"),
    (date(2026, 3, 19), "19.03.2026 Perşembe"),
    (date(2026, 3, 22), "22.03.2026 Pazar"),
])
def test_dates_are_printed_day_month_year_with_the_turkish_weekday(day, text):
    assert calendar.format_day(day) == text


def test_kinds_are_the_documented_strings():
    assert {calendar.WEEKEND, calendar.PUBLIC_HOLIDAY, calendar.HALF_DAY, calendar.IDARI_IZIN,
            calendar.WORKING} == {"weekend", "public_holiday", "half_day", "idari_izin", "working"}
