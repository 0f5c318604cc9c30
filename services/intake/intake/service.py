"""Intake's entrypoints: thin, each hands its work to a plain function."""
import base64
import logging
from pathlib import Path

from nameko.extensions import DependencyProvider
from nameko.timer import timer

from marshmallow import ValidationError

from contracts import attachments, inbound
from contracts.api import HEADER_LIMITS
from contracts.intake_api import RunQuerySchema, StatusLookupSchema
from servicekit import secrets
from servicekit.consumers import event_handler, unknown_event_sink
from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.rpc import rpc
from servicekit.settings import SettingsProvider, of as settings_of

from . import access, press_requests, receipt, retention, seed, storage, submission, views
from .exceptions import InvalidSubmission, NotFound
from .settings import AT_IMPORT

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class RetentionRules(DependencyProvider):
    """The retention periods (config `RETENTION_FILE`, else `seed/retention.yml`), read and checked at
    start: a file that does not fit stops the service with `retention.InvalidRetentionRules`."""

    def setup(self):
        self.rules = retention.load_rules_on_start(settings_of(self.container))

    def get_dependency(self, worker_ctx):
        return self.rules


class IntakeService:
    name = "intake"

    db = Database(MIGRATIONS, on_start=seed.load_seed_on_start)
    config = SettingsProvider()
    correlation_id = CorrelationId()
    retention_rules = RetentionRules()

    def _settings(self):
        return {"tracking_prefix": self.config.tracking_prefix,
                "lookup_secret": secrets.secret(self.config, "LOOKUP_CODE_SECRET")}

    @rpc
    def submit_application(self, data, submitted_by, idempotency_key=None):
        """Take in one application from any channel.

        `data` follows `contracts.inbound.ApplicationSubmissionSchema`, e.g.
        `{"channel": "dilekce", "type": "sikayet", "category": "cop", "subject": "Çöp",
          "body": "...", "applicant": {"full_name": "Ayşe Yılmaz", "postal_address": "..."}}`.
        Returns `{"application": {"id", "tracking_number", "status", "lookup_code", ...}, "created": bool}`;
        a retry (same source reference or Idempotency-Key) returns the original with `created: false`.
        """
        summary, created = submission.submit(self.db, data, submitted_by, self._settings(), idempotency_key)
        log.info("application %s %s (%s)", summary["tracking_number"], "stored" if created else "replayed",
                 summary["status"])
        return {"application": summary, "created": created}

    @rpc
    def get_application(self, application_id, hide_identity=False, viewer=None):
        """The application as staff see it, with no check of who asks (`show_application` checks): the applicant
        masked when `hide_identity` is asked for and the applicant wished to stay hidden; `viewer` (a
        submitter) limits the duplicate hints to that submitter's applications."""
        with self.db.transaction() as tx:
            return views.application_detail(tx.cursor, application_id, hide_identity, viewer)

    @rpc
    def receive_application(self, data, actor, idempotency_key=None):
        """`submit_application` for the gateway's caller `actor` (`{"id", "kind", "role", "directorate"}`): the
        application is recorded as submitted by `actor["id"]`, e.g. `receive_application({"channel": "cimer",
        ...}, {"id": "cimer", "kind": "client", "role": "system"}, "key-1")` -> `{"application", "created"}`."""
        return self.submit_application(data, actor["id"], _idempotency_key(idempotency_key))

    @rpc
    def submit_press_request(self, form, actor, idempotency_key=None):
        """A journalist's request (`contracts.press_inputs.PressRequest`) taken in as an application of the
        `basin` channel, e.g. `{"type": "basin_bilgi", "outlet": "Ege Postası", "subject": "...", "question": "...",
        "journalist": {"full_name", "email"}}` -> `{"application": {"id", "tracking_number", "status"},
        "created": bool}`; follow it as a case of that channel."""
        result = self.submit_application(press_requests.as_submission(form), actor["id"],
                                         _idempotency_key(idempotency_key))
        application = result["application"]
        return {"application": {key: application[key] for key in ("id", "tracking_number", "status")},
                "created": result["created"]}

    @rpc
    def show_application(self, application_id, actor):
        """The application as `actor` may see it: staff who see every application, or the API client that
        submitted it (else `NotAllowed`); a directorate sees an applicant who asked to stay hidden masked, and the
        duplicate hints name only what the caller may see. -> `{"application": {...}, "identity_shown": bool}`,
        the latter False when the applicant's identity was masked (the read is then not of personal data)."""
        masked = access.masks_hidden_applicant(actor)
        with self.db.transaction() as tx:
            application = views.application_detail(tx.cursor, application_id, masked, access.duplicates_viewer(actor))
        access.check_may_see(actor, application)
        return {"application": application,
                "identity_shown": not (masked and application["applicant"].get("hide_identity"))}

    @rpc
    def get_receipt(self, application_id):
        """The receipt (alındı belgesi) as base64-encoded PDF."""
        with self.db.transaction() as tx:
            data = views.receipt_data(tx.cursor, application_id, self.config.municipality_name)
        return base64.b64encode(receipt.render_receipt(data)).decode()

    @rpc
    def receipt_for(self, application_id, actor):
        """The receipt for whoever may see the application (as `show_application` decides, else `NotAllowed`),
        as a file: `{"filename": "alindi-belgesi-<id>.pdf", "content_type": "application/pdf", "content_base64"}`."""
        self.show_application(application_id, actor)
        return {"filename": f"alindi-belgesi-{application_id}.pdf", "content_type": "application/pdf",
                "content_base64": self.get_receipt(application_id)}

    @rpc
    def attachment(self, kind, id):
        """A file for whoever sends it on (`contracts.attachments`): only `"receipt_pdf"`, by the application's
        id -> `{"filename": "alindi-belgesi.pdf", "content_type": "application/pdf", "content_base64"}`;
        `NotFound` for another kind or an unknown application."""
        if kind not in attachments.kinds_of(self.name):
            raise NotFound()
        return {"filename": receipt.FILENAME, "content_type": "application/pdf", "content_base64": self.get_receipt(id)}

    @rpc
    def lookup_status(self, tracking_number, code):
        """What the applicant may see, given the tracking number and the secret code
        (`contracts.intake_api.StatusLookupSchema`), e.g. `lookup_status("GZM-2026-000123", "K7P2-M9QX")`."""
        query = _load(StatusLookupSchema, {"tracking_number": tracking_number, "code": code})
        with self.db.transaction() as tx:
            return views.applicant_status(tx.cursor, query["tracking_number"], query["code"],
                                          self._settings()["lookup_secret"])

    @rpc
    def personal_data_of(self, tc_kimlik_no=None, email=None, phone=None, actor=None):
        """What intake holds about one person, for answering a KVKK data-subject request (m. 11, 13):
        the applications whose applicant has this TC Kimlik No, e-mail or phone (at least one given;
        normalised as on submission), oldest first, e.g. `{"applications": [{"id", "tracking_number",
        "type", "type_label", "channel", "category", "received_at", "status", "anonymised_at",
        "matched_by": ["tc_kimlik_no"], "applicant": {"full_name", "tc_kimlik_no", "email", "phone",
        "postal_address"}}]}`. Only `actor` roles admin and pr_officer, else `NotAllowed`."""
        with self.db.transaction() as tx:
            return views.personal_data_of(tx.cursor, tc_kimlik_no, email, phone, actor)

    @rpc
    def not_processed_applications(self, after=None, limit=500):
        """The applications not processed, as their `application_not_processed` events told them, for a
        consumer that subscribed after some were published (routing's 4982 report): a page of at most
        `limit` (1–1000) in the order of their ids, after the id `after`; no personal data and no subject.
        E.g. `not_processed_applications()` -> `{"applications": [{"application_id", "type", "channel",
        "received_at", "reasons": [{"code", "message", "article"}]}], "next": <the last id, or None>}`."""
        limit = max(1, min(int(limit or 500), 1000))
        with self.db.transaction() as tx:
            rows = storage.not_processed_page(tx.cursor, after, limit)
        page = [{"application_id": str(row["id"]), "type": row["type"], "channel": row["channel"],
                 "received_at": row["received_at"].isoformat(), "reasons": row["defects"]} for row in rows]
        return {"applications": page, "next": page[-1]["application_id"] if len(page) == limit else None}

    @rpc
    def run_destruction(self, actor):
        """Start a periodic destruction run (KVKK) now; admins only (`actor` = `{"id", "role": "admin"}`),
        else `NotAllowed`; `DestructionInProgress` while another runs. Answers the run's log row:
        `{"id", "started_at", "finished_at", "trigger": <actor id>, "method": "anonimleştirme",
          "rules": [{"rule", "keep_years", "cutoff", "source"}], "counts": {"dilekce": 12}, "total": 12}`."""
        return retention.run(self.db, self.retention_rules, actor)

    @rpc
    def destruction_runs(self, limit=50):
        """The destruction log, newest first (rows as `run_destruction` answers them): no personal data."""
        return retention.list_runs(self.db, _load(RunQuerySchema, {"limit": limit})["limit"])

    @timer(interval=AT_IMPORT.retention_check_seconds)
    def destruction_schedule(self):
        """Starts a destruction run when the last one started more than `DESTRUCTION_INTERVAL_DAYS` ago
        (default 180: at most every 6 months) or there was none; one instance at a time."""
        done = retention.run_if_due(self.db, self.retention_rules, self.config.destruction_interval_days)
        if done is not None:
            log.info("scheduled destruction run %s: %s anonymised", done["id"], done["total"])

    @unknown_event_sink(inbound.EXCHANGE, inbound.EVENT_TYPES)
    def reject_unknown_inbound_events(self, event):
        """Never runs: a message on `ebelediye.inbound` whose event type nobody consumes is dead-lettered
        by the entrypoint itself, with the reason, where operations see it."""

    @event_handler(inbound.EXCHANGE, inbound.APPLICATION_SUBMITTED, payload_schema=None)
    def handle_application_submitted(self, event):
        """An application published by another system to `ebelediye.inbound`.

        The message is an envelope whose payload is an application submission; the event id is
        the idempotency key, so a redelivered message is stored once. An invalid payload raises
        `InvalidSubmission` and is dead-lettered with the field errors.
        """
        payload = event["payload"]
        source = payload.get("source_system") or inbound.SOURCE
        summary, created = submission.submit(self.db, payload, f"inbound:{source}", self._settings(),
                                             idempotency_key=str(event["event_id"]))
        log.info("inbound application %s %s", summary["tracking_number"], "stored" if created else "replayed")


def _load(schema, data):
    """`data` through the schema intake declares for the operation (`contracts.intake_api`), or
    `InvalidSubmission` with the field errors."""
    try:
        return schema().load(data)
    except ValidationError as exc:
        raise InvalidSubmission(exc.normalized_messages()) from None


def _idempotency_key(key):
    limit = HEADER_LIMITS["Idempotency-Key"]
    if key is not None and (not isinstance(key, str) or len(key) > limit):
        raise InvalidSubmission({"Idempotency-Key": [f"En fazla {limit} karakter."]})
    return key or None
