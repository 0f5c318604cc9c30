"""The Turkish working-day calendar of DOMAIN.md §2, for counting legal periods.

Official holidays are Law 2429's, with the religious holidays on Diyanet's dates, as the `holidays`
package gives them (`holidays.TR(language="tr", categories=("public", "half_day"))`). Idari izin days
(bridge days granted by Presidency circular) are kept by staff and handed in.

For deadlines the municipality must meet:
- weekends and full public holidays are not working days;
- half days (arife from 13:00, and 28 October) count as working days: the earlier, safer date;
- idari izin days count as working days: they are not official holidays, so periods keep running.
Holidays falling on a weekend are not moved to a weekday (the package does not move them either).
"""
import holidays

WEEKEND = "weekend"
PUBLIC_HOLIDAY = "public_holiday"
HALF_DAY = "half_day"
IDARI_IZIN = "idari_izin"
WORKING = "working"

WEEKDAYS = ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar")

IDARI_IZIN_NAME = "İdari izin"


def format_day(d):
    """'13.03.2026 Cuma': the date as staff read it, with its Turkish weekday name."""
    return f"{d:%d.%m.%Y} {WEEKDAYS[d.weekday()]}"


class WorkCalendar:
    """Which days are working days, for any year (the package loads each year on first use)."""

    def __init__(self, idari_izin=()):
        # One category per instance: a date can be both an arife and a full holiday (2029-04-23 is
        # Kurban arife and 23 Nisan), and the full holiday must win.
        self._public = holidays.TR(language="tr", categories=(holidays.PUBLIC,))
        self._half_day = holidays.TR(language="tr", categories=(holidays.HALF_DAY,))
        self._idari_izin = frozenset(idari_izin)

    @property
    def idari_izin(self):
        """The idari izin dates staff entered."""
        return self._idari_izin

    def day_kind(self, d):
        """One of "weekend", "public_holiday", "half_day", "idari_izin", "working".

        When kinds overlap the one that closes offices longest wins: a weekend, then a public
        holiday, then idari izin (closed all day), then a half day (closed from 13:00).
        """
        if d.weekday() >= 5:
            return WEEKEND
        if d in self._public:
            return PUBLIC_HOLIDAY
        if d in self._idari_izin:
            return IDARI_IZIN
        if d in self._half_day:
            return HALF_DAY
        return WORKING

    def holiday_name(self, d):
        """The Turkish name of the holiday, half day or idari izin on `d`, or None.

        A full holiday's name comes first; a weekend with no holiday has no name.
        """
        for source in (self._public, self._half_day):
            names = source.get_list(d)
            if names:
                return "; ".join(names)
        if d in self._idari_izin:
            return IDARI_IZIN_NAME
        return None

    def is_working_day(self, d):
        """True unless `d` is a weekend day or a full public holiday (half days and idari izin count)."""
        return self.day_kind(d) not in (WEEKEND, PUBLIC_HOLIDAY)

    def reason(self, d):
        """Why `d` is what it is, in Turkish: 'hafta sonu', 'Ramazan Bayramı (resmî tatil)', ...

        A weekend that is also a holiday names both, to show the holiday was not moved.
        """
        kind = self.day_kind(d)
        name = self.holiday_name(d)
        if kind == WEEKEND:
            return f"hafta sonu (aynı gün {name}; tatil kaydırılmaz)" if name else "hafta sonu"
        if kind == PUBLIC_HOLIDAY:
            return f"{name} (resmî tatil)"
        if kind == HALF_DAY:
            return f"{name}, yarım gün"
        if kind == IDARI_IZIN:
            also = f", aynı gün {name}" if name != IDARI_IZIN_NAME else ""
            return f"idari izin (resmî tatil değil, süre işler{also})"
        return "iş günü"
