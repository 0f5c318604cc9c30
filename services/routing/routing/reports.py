"""The reports the law and the muhtars expect: the service layer over `storage_reports` and `report_figures`.

Only those who see every case read them (admin, the public relations desk, the mayor's office, the
auditor): a directorate would otherwise learn of other directorates' cases.
"""
from datetime import date, datetime, timedelta, timezone

from . import access, report_figures as figures, storage_reports
from .cases import InvalidAnswer

MUHTAR_CHANNEL = "muhtar"
INFORMATION_TYPE = "bilgi_edinme"  # Law 4982, whichever channel it came through (CİMER's type too)
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _require_reader(actor, report):
    if actor.get("role") not in access.SEE_ALL:
        raise access.NotAllowed(report)


def _year(year):
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidAnswer({"year": [f"{FIRST_YEAR} ile {LAST_YEAR} arasında bir yıl olmalı."]})
    return year


def muhtar_report(store, year, quarter, actor, today):
    """The muhtar desk's quarter: muhtar requests received in it (Istanbul dates), per neighbourhood,
    as they stand on `today`."""
    _require_reader(actor, "muhtar_report")
    if quarter not in (1, 2, 3, 4):
        raise InvalidAnswer({"quarter": ["1, 2, 3 ya da 4 olmalı."]})
    first, following = figures.quarter_bounds(_year(year), quarter)
    with store.transaction() as tx:
        rows = storage_reports.cases_received(tx.cursor, "channel", MUHTAR_CHANNEL,
                                              figures.istanbul_midnight(first), figures.istanbul_midnight(following))
    return {"year": year, "quarter": quarter, "from": first.isoformat(),
            "to": (following - timedelta(days=1)).isoformat(), "as_of": today.isoformat(),
            **figures.muhtar_figures(rows, today)}


def information_request_report(store, year, actor, now=None):
    """The 4982 applications that became cases, received in `year` (Istanbul dates), as they stood at the
    year's end (or now, for the year still running). Objections to the Review Board are not tracked."""
    _require_reader(actor, "information_request_report")
    first, following = date(_year(year), 1, 1), date(year + 1, 1, 1)
    year_end = figures.istanbul_midnight(following)
    now = now or datetime.now(timezone.utc)
    with store.transaction() as tx:
        rows = storage_reports.cases_received(tx.cursor, "type", INFORMATION_TYPE,
                                              figures.istanbul_midnight(first), year_end)
    as_of = min(year_end, now).astimezone(figures.ISTANBUL)
    # objections to the Board are not recorded anywhere: unknown (None), which 0 would misstate
    return {"year": year, "from": first.isoformat(), "to": f"{year}-12-31", "as_of": as_of.isoformat(),
            "objections": None, **figures.information_figures(rows, year_end)}
