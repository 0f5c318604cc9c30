"""Routing's entrypoints: thin; each hands its work to a plain function."""
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from nameko.exceptions import UnknownService
from nameko.extensions import DependencyProvider
from nameko.rpc import RpcProxy
from nameko.timer import timer

from contracts import intake, notify
from contracts.routing_api import (CASE_ACTION_INPUTS, CaseQuerySchema, DeadlinePreviewQuerySchema,
                                   IdariIzinSchema, RoutingRuleSchema)
from servicekit.consumers import event_handler
from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.rpc import rpc
from servicekit.settings import of as settings_of

from . import cases, directory, inputs, metrics, open311, reports, watcher
from .deadlines import Deadlines, load_seed
from .settings import AT_IMPORT

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
ISTANBUL = ZoneInfo("Europe/Istanbul")


def today():
    return datetime.now(ISTANBUL).date()


class DeadlineRules(DependencyProvider):
    """One `Deadlines` per process: legal rules, calendar, seed settings."""

    def setup(self):
        self.deadlines = Deadlines.load(seed_path=settings_of(self.container).seed_file)

    def get_dependency(self, worker_ctx):
        return self.deadlines


def _seed_on_start(store, settings):
    load_seed(store, Deadlines.load(seed_path=settings.seed_file).seed)


class RoutingService:
    name = "routing"

    db = Database(MIGRATIONS, on_start=_seed_on_start)
    deadlines = DeadlineRules()
    correlation_id = CorrelationId()
    intake_rpc = RpcProxy("intake")

    @event_handler(intake.EXCHANGE, intake.APPLICATION_RECEIVED, intake.ApplicationReceivedSchema)
    def handle_application_received(self, event):
        """Open a case: route it by the rules (or to triage) and set its legal and internal dates."""
        case = cases.open_case(self.db, event, self.deadlines)
        if case:
            log.info("case opened for %s: %s, due %s", case["tracking_number"], case["directorate"] or "triage",
                     case["legal_due_on"])

    @event_handler(notify.EXCHANGE, notify.NOTIFICATION_DELIVERED, notify.NotificationDeliveredSchema)
    def handle_notification_delivered(self, event):
        """The case shows that the applicant was told (the proof the law asks for)."""
        cases.record_notice(self.db, event, delivered=True)

    @event_handler(notify.EXCHANGE, notify.NOTIFICATION_FAILED, notify.NotificationFailedSchema)
    def handle_notification_failed(self, event):
        cases.record_notice(self.db, event, delivered=False)

    @event_handler(intake.EXCHANGE, intake.APPLICANTS_ANONYMISED, intake.ApplicantsAnonymisedSchema)
    def handle_applicants_anonymised(self, event):
        """`{"run_id", "rule", "application_ids": [...]}`: the cases forget the applicant's own words."""
        forgotten = cases.forget_applicants(self.db, event)
        if forgotten:
            log.info("destruction run %s: %s case(s) forgot their applicant", event["payload"]["run_id"], forgotten)

    @event_handler(intake.EXCHANGE, intake.APPLICATION_NOT_PROCESSED, intake.ApplicationNotProcessedSchema)
    def handle_application_not_processed(self, event):
        """Kept for the annual 4982 report, which counts applications not processed among the refusals."""
        reports.record_not_processed(self.db, event)

    @timer(interval=AT_IMPORT.watch_seconds)
    def load_not_processed_history(self):
        """Once per database, what intake did not process before routing subscribed to it (an upgrade):
        asked of intake page by page; tried again at the next tick while intake does not answer."""
        try:
            added = reports.load_not_processed_history(
                self.db, lambda after: self.intake_rpc.not_processed_applications(after))
        except UnknownService:
            log.warning("intake is not running yet: the history of applications not processed waits")
            return
        if added is not None:
            log.info("history of applications not processed loaded from intake: %s added", added)

    @timer(interval=AT_IMPORT.watch_seconds)
    def watch_deadlines(self):
        """Warn before internal dates, escalate after them, report legal dates that passed: each once."""
        emitted = watcher.sweep(self.db, self.deadlines, today())
        metrics.refresh(self.db, today())
        if any(emitted.values()):
            log.info("deadline watch: %s", emitted)

    @rpc
    def preview_deadline(self, application_type, received_on, extended=False):
        """`{"due_on", "internal_due_on", "explanation", "warnings", "rule"}` for a type and date (no case),
        e.g. `preview_deadline("bilgi_edinme", "2026-03-13")`."""
        query = inputs.load(DeadlinePreviewQuerySchema, {"type": application_type, "received_on": received_on,
                                                         "extended": extended})
        return self.deadlines.preview(query["type"], query["received_on"], query["extended"])

    @rpc
    def list_cases(self, filters, actor, limit=50, offset=0):
        """Cases the actor may see: `{"total", "cases"}`; filters directorate, state, channel,
        neighbourhood, due_before (YYYY-MM-DD), overdue (bool)."""
        query = inputs.load(CaseQuerySchema, {**(filters or {}), "limit": limit, "offset": offset})
        limit, offset = query.pop("limit"), query.pop("offset")
        total, rows = cases.search(self.db, query, actor, limit, offset, today())
        return {"total": total, "cases": rows}

    @rpc
    def get_case(self, case_id, actor):
        """A case with its due-date explanation and its timeline."""
        return cases.view(self.db, case_id, actor)

    def _act(self, case_id, actor, action, params):
        """Do `action` to a case as `actor` (`{"id", "role", "directorate"}`) with `params`, checked with the
        schema the action declares (`contracts.routing_api.CASE_ACTION_INPUTS`); returns the case as it is now."""
        params = inputs.load(CASE_ACTION_INPUTS[action][0], params)
        cases.require_visible(self.db, case_id, actor)
        ACTIONS[action](self, case_id, actor, params)
        return cases.view(self.db, case_id, actor)

    @rpc
    def assign_case(self, case_id, actor, params):
        """Route a case in triage to a directorate: `{"directorate": "fen-isleri"}`."""
        return self._act(case_id, actor, "assign", params)

    @rpc
    def transfer_case(self, case_id, actor, params):
        """Move a case to another directorate, with the reason: `{"directorate", "reason"}`."""
        return self._act(case_id, actor, "transfer", params)

    @rpc
    def forward_case(self, case_id, actor, params):
        """Not the municipality's business: sent on to `{"institution", "reason"}` (3071 m. 5)."""
        return self._act(case_id, actor, "forward", params)

    @rpc
    def extend_case(self, case_id, actor, params):
        """The 4982 extension to 30 working days, once and in time: `{"reason"}`."""
        return self._act(case_id, actor, "extend", params)

    @rpc
    def fee_notice_case(self, case_id, actor, params):
        """A 4982 fee notice, `{"fee_amount": "45,00 TL"}`: the clock stops until it is paid."""
        return self._act(case_id, actor, "fee_notice", params)

    @rpc
    def fee_paid_case(self, case_id, actor, params):
        """The fee was paid (`{}`): the clock runs again."""
        return self._act(case_id, actor, "fee_paid", params)

    @rpc
    def submit_answer_case(self, case_id, actor, params):
        """An answer for review: `{"outcome", "text", "exemption_article"?, "attachments"?}`."""
        return self._act(case_id, actor, "submit_answer", params)

    @rpc
    def approve_answer_case(self, case_id, actor, params):
        """The desk (then the mayor's office, where asked) approves the answer: `{"comment"?}`."""
        return self._act(case_id, actor, "approve_answer", params)

    @rpc
    def return_answer_case(self, case_id, actor, params):
        """The answer goes back to its writer: `{"comment"}`."""
        return self._act(case_id, actor, "return_answer", params)

    @rpc
    def close_case(self, case_id, actor, params):
        """Close a case (`{}`)."""
        return self._act(case_id, actor, "close", params)

    @rpc
    def attachment(self, kind, id):
        """A file for whoever sends it on (`contracts.attachments`): only `"answer_file"`, by the file's id,
        e.g. `attachment("answer_file", "9f1c…")` -> `{"filename", "content_type", "content_base64"}`."""
        return cases.attachment(self.db, kind, id)

    @rpc
    def routing_table(self):
        """Directorates and the active routing rules."""
        return directory.table(self.db)

    @rpc
    def add_routing_rule(self, rule, actor):
        """A routing rule (`contracts.routing_api.RoutingRuleSchema`), e.g. `{"directorate": "fen",
        "category": "yol"}`; the desk only. Answers `{"id"}`."""
        return directory.add_rule(self.db, inputs.load(RoutingRuleSchema, rule), actor)

    @rpc
    def remove_routing_rule(self, rule_id, actor):
        """Deactivate a routing rule by its number; the desk only. Answers `{"id", "active": false}`."""
        return directory.remove_rule(self.db, inputs.rule_id(rule_id), actor)

    @rpc
    def open311_services(self):
        """GeoReport v2 `services`: the public service desk's categories."""
        return open311.services(self.deadlines.seed)

    @rpc
    def open311_profile(self):
        """GeoReport v2 discovery and `jurisdiction_id`: the jurisdiction served, contact, how to get a key."""
        return open311.profile(self.deadlines.seed)

    @rpc
    def open311_request(self, tracking_number):
        """GeoReport v2 `requests/{id}`: a public service desk request by its tracking number, or None."""
        return open311.request(self.db, self.deadlines.seed, tracking_number)

    @rpc
    def open311_requests(self, filters):
        """GeoReport v2 `requests`: by service_code, status (open/closed), start_date, end_date."""
        return open311.requests(self.db, self.deadlines.seed, filters)

    @rpc
    def muhtar_report(self, year, quarter, actor):
        """The muhtar desk's quarterly report: per neighbourhood, muhtar requests asked, done, not done
        (each with its reason) and open, e.g. `muhtar_report(2026, 4, {"id": "pr", "role": "pr_officer"})`
        -> `{"year", "quarter", "from", "to", "as_of", "neighbourhoods": [...], "totals": {...}}`."""
        return reports.muhtar_report(self.db, year, quarter, actor, today())

    @rpc
    def muhtar_report_csv(self, year, quarter, actor):
        """The same as a CSV file for Excel, `{"filename": "muhtar-raporu-2026-4.csv", "content_type",
        "content_base64"}`: a row per neighbourhood, then a row per request not done (its count cells empty),
        then the totals."""
        return reports.muhtar_report_csv(self.db, year, quarter, actor, today())

    @rpc
    def information_request_report(self, year, actor):
        """The annual 4982 report on the Review Board's form, the applications received in `year` as at
        the year's end, those not processed counted as refused, e.g. `information_request_report(2026, actor)`
        -> `{"year", "from", "to", "as_of", "lines": [{"key": "total", "label", "count"}, ...],
        "refusals_by_article": [...], "not_processed": {"total", "by_reason": [...]}, "objections": None,
        "notes": [...]}`."""
        return reports.information_request_report(self.db, year, actor)

    @rpc
    def information_request_report_csv(self, year, actor):
        """The same as a CSV file for Excel, `{"filename": "bilgi-edinme-raporu-2026.csv", "content_type",
        "content_base64"}`: a line and its count per row."""
        return reports.information_request_report_csv(self.db, year, actor)

    @rpc
    def add_idari_izin_day(self, day, note, actor):
        """An administrative-leave day: offices closed, legal deadlines keep running (a warning only)."""
        form = inputs.load(IdariIzinSchema, {"day": day, "note": note})
        return directory.add_idari_izin_day(self.db, form["day"], form["note"], actor)


ACTIONS = {
    "assign": lambda s, c, a, p: cases.assign(s.db, c, a, p.get("directorate"), s.deadlines),
    "transfer": lambda s, c, a, p: cases.transfer(s.db, c, a, p.get("directorate"), p.get("reason"), s.deadlines),
    "forward": lambda s, c, a, p: cases.forward(s.db, c, a, p.get("institution"), p.get("reason")),
    "extend": lambda s, c, a, p: cases.extend(s.db, c, a, p.get("reason"), s.deadlines, today()),
    "fee_notice": lambda s, c, a, p: cases.fee_notice(s.db, c, a, p.get("fee_amount"), today(), s.deadlines),
    "fee_paid": lambda s, c, a, p: cases.fee_paid(s.db, c, a, today(), s.deadlines),
    "submit_answer": lambda s, c, a, p: cases.submit_answer(s.db, c, a, p),
    "approve_answer": lambda s, c, a, p: cases.review_answer(s.db, c, a, True, p.get("comment"), s.deadlines),
    "return_answer": lambda s, c, a, p: cases.review_answer(s.db, c, a, False, p.get("comment"), s.deadlines),
    "close": lambda s, c, a, p: cases.close(s.db, c, a),
}

