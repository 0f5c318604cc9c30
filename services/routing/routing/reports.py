"""The reports the law and the muhtars expect: the service layer over `storage_reports`, `report_figures` and
`report_forms`; and the read model of the applications intake did not process, which the 4982 report counts.

Only those who see every case read them (admin, the public relations desk, the mayor's office, the
auditor): a directorate would otherwise learn of other directorates' cases.
"""
import base64
from datetime import date, datetime, timedelta, timezone

from marshmallow import ValidationError

from contracts import routing_reports
from servicekit import inbox
from servicekit.spreadsheet import excel_csv

from . import access, report_figures as figures, report_forms, storage_reports
from .cases import InvalidAnswer

MUHTAR_CHANNEL = "muhtar"
INFORMATION_TYPE = "bilgi_edinme"  # Law 4982, whichever channel it came through (CİMER's type too)
NOT_PROCESSED_HISTORY = "intake.not_processed"


def _require_reader(actor, report):
    if actor.get("role") not in access.SEE_ALL:
        raise access.NotAllowed(report)


def _period(schema, **values):
    """The period, validated with the schema routing's reports declare (the gateway reads its query with it)."""
    try:
        return schema().load(values)
    except ValidationError as exc:
        raise InvalidAnswer(exc.messages) from None


def muhtar_report(store, year, quarter, actor, today):
    """The muhtar desk's quarter: muhtar requests received in it (Istanbul dates), per neighbourhood,
    as they stand on `today`."""
    _require_reader(actor, "muhtar_report")
    period = _period(routing_reports.MuhtarReportQuerySchema, year=year, quarter=quarter)
    year, quarter = period["year"], period["quarter"]
    first, following = figures.quarter_bounds(year, quarter)
    with store.transaction() as tx:
        rows = storage_reports.cases_received(tx.cursor, "channel", MUHTAR_CHANNEL,
                                              figures.istanbul_midnight(first), figures.istanbul_midnight(following))
    return {"year": year, "quarter": quarter, "from": first.isoformat(),
            "to": (following - timedelta(days=1)).isoformat(), "as_of": today.isoformat(),
            **figures.muhtar_figures(rows, today)}


def muhtar_report_csv(store, year, quarter, actor, today):
    """The muhtar report as a CSV file for Excel (`contracts.attachments.AttachmentFileSchema`)."""
    report = muhtar_report(store, year, quarter, actor, today)
    return _csv_file(f"muhtar-raporu-{year}-{quarter}.csv", *report_forms.muhtar_table(report))


def information_request_report(store, year, actor, now=None):
    """The annual 4982 report on the Review Board's form: the applications received in `year` (Istanbul
    dates), those that became cases as they stood at the year's end (or now, for the year still running),
    and those intake did not process, counted among the refusals. Objections to the Board are not tracked."""
    _require_reader(actor, "information_request_report")
    year = _period(routing_reports.InformationReportQuerySchema, year=year)["year"]
    first, following = date(year, 1, 1), date(year + 1, 1, 1)
    start, year_end = figures.istanbul_midnight(first), figures.istanbul_midnight(following)
    now = now or datetime.now(timezone.utc)
    with store.transaction() as tx:
        rows = storage_reports.cases_received(tx.cursor, "type", INFORMATION_TYPE, start, year_end)
        not_processed, by_reason = storage_reports.not_processed_received(tx.cursor, INFORMATION_TYPE, start,
                                                                           year_end)
    as_of = min(year_end, now).astimezone(figures.ISTANBUL)
    # objections to the Board are not recorded anywhere: unknown (None), which 0 would misstate
    cases = {"year": year, "from": first.isoformat(), "to": f"{year}-12-31", "as_of": as_of.isoformat(),
             "objections": None, **figures.information_figures(rows, year_end)}
    return report_forms.information_report(cases, {"total": not_processed, "by_reason": by_reason})


def information_request_report_csv(store, year, actor):
    """The 4982 report as a CSV file for Excel (`contracts.attachments.AttachmentFileSchema`)."""
    return _csv_file(f"bilgi-edinme-raporu-{year}.csv",
                     *report_forms.information_table(information_request_report(store, year, actor)))


def _csv_file(filename, header, rows):
    return {"filename": filename, "content_type": "text/csv; charset=utf-8",
            "content_base64": base64.b64encode(excel_csv(header, rows)).decode()}


def record_not_processed(store, event):
    """intake did not process an application (`application_not_processed`): kept for the 4982 report (its
    type, channel, date and defects only); nothing when the event was seen before."""
    with store.transaction() as tx:
        if not inbox.first_time(tx.cursor, "routing.application_not_processed", event["event_id"]):
            return False
        return storage_reports.record_not_processed(tx.cursor, _not_processed(event["payload"]))


def load_not_processed_history(store, fetch_page):
    """Once per database: the applications intake did not process before routing heard of them by event,
    page by page from `fetch_page(after)` (intake's `not_processed_applications`); the count added, or None
    when the history was loaded before. What arrives both ways is kept once."""
    with store.transaction() as tx:
        if storage_reports.history_loaded(tx.cursor, NOT_PROCESSED_HISTORY):
            return None
    added, after = 0, None
    while True:
        page = fetch_page(after)
        with store.transaction() as tx:
            for application in page["applications"]:
                added += storage_reports.record_not_processed(tx.cursor, _not_processed(application))
        after = page["next"]
        if after is None:
            break
    with store.transaction() as tx:
        storage_reports.mark_history_loaded(tx.cursor, NOT_PROCESSED_HISTORY, added)
    return added


def _not_processed(application):
    return {"application_id": application["application_id"], "type": application["type"],
            "channel": application["channel"], "received_at": application["received_at"],
            "reasons": [{key: reason.get(key) for key in ("code", "message", "article")}
                        for reason in application["reasons"]]}
