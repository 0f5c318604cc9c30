"""When staff are at their desks: working days (Monday to Friday, not an official holiday) from
08:30 to 17:30 in Istanbul. Staff are told then, unless a legal date is at stake."""
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

ISTANBUL = ZoneInfo("Europe/Istanbul")
OPENS, CLOSES = time(8, 30), time(17, 30)


@lru_cache(maxsize=16)
def _public_holidays(year):
    return holidays.TR(years=year, categories=("public",))


def is_working_day(day):
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_moment(moment):
    """`moment` itself if it falls in working hours, else the next opening (08:30 Istanbul time)."""
    local = moment.astimezone(ISTANBUL)
    if is_working_day(local.date()) and OPENS <= local.time() < CLOSES:
        return moment
    day = local.date() if local.time() < OPENS else local.date() + timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, OPENS, tzinfo=ISTANBUL)
