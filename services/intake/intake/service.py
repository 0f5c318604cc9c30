"""Intake's entrypoints: thin, each hands its work to a plain function."""
import base64
import logging
import os
from pathlib import Path

from nameko.dependency_providers import Config
from nameko.extensions import DependencyProvider
from nameko.timer import timer

from contracts import attachments, inbound
from servicekit import secrets
from servicekit.consumers import event_handler, unknown_event_sink
from servicekit.correlation import CorrelationId
from servicekit.db import Database
from servicekit.rpc import rpc

from . import receipt, retention, seed, storage, submission, views
from .exceptions import NotFound

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# nameko fixes a timer's interval when the class is defined, so it is read from the environment
RETENTION_CHECK_SECONDS = float(os.environ.get("RETENTION_CHECK_SECONDS") or 86400)


class RetentionRules(DependencyProvider):
    """The retention periods (config `RETENTION_FILE`, else `seed/retention.yml`), read and checked at
    start: a file that does not fit stops the service with `retention.InvalidRetentionRules`."""

    def setup(self):
        self.rules = retention.load_rules_on_start(self.container.config)

    def get_dependency(self, worker_ctx):
        return self.rules


class IntakeService:
    name = "intake"

    db = Database(MIGRATIONS, on_start=seed.load_seed_on_start)
    config = Config()
    correlation_id = CorrelationId()
    retention_rules = RetentionRules()

    def _settings(self):
        return {"tracking_prefix": self.config.get("TRACKING_PREFIX") or "GZM",
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
        """The application as staff see it; the applicant is masked when `hide_identity` is asked
        for and the applicant wished to stay hidden. `viewer` (who submitted, for a caller that sees only its
        own applications) limits the duplicate hints to that submitter's applications."""
        with self.db.transaction() as tx:
            return views.application_detail(tx.cursor, application_id, hide_identity, viewer)

    @rpc
    def get_receipt(self, application_id):
        """The receipt (alındı belgesi) as base64-encoded PDF."""
        with self.db.transaction() as tx:
            data = views.receipt_data(tx.cursor, application_id, self.config.get("MUNICIPALITY_NAME"))
        return base64.b64encode(receipt.render_receipt(data)).decode()

    @rpc
    def attachment(self, kind, id):
        """A file for whoever sends it on (`contracts.attachments`): only `"receipt_pdf"`, by the application's
        id -> `{"filename": "alindi-belgesi.pdf", "content_type": "application/pdf", "content_base64"}`;
        `NotFound` for another kind or an unknown application."""
        if kind not in attachments.kinds_of(self.name):
            raise NotFound(f"{kind} {id}")
        return {"filename": receipt.FILENAME, "content_type": "application/pdf", "content_base64": self.get_receipt(id)}

    @rpc
    def lookup_status(self, tracking_number, code):
        """What the applicant may see, given the tracking number and the secret code."""
        with self.db.transaction() as tx:
            return views.applicant_status(tx.cursor, tracking_number, code, self._settings()["lookup_secret"])

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
        return retention.list_runs(self.db, limit)

    @timer(interval=RETENTION_CHECK_SECONDS)
    def destruction_schedule(self):
        """Starts a destruction run when the last one started more than `DESTRUCTION_INTERVAL_DAYS` ago
        (default 180: at most every 6 months) or there was none; one instance at a time."""
        days = float(self.config.get("DESTRUCTION_INTERVAL_DAYS") or retention.DEFAULT_INTERVAL_DAYS)
        done = retention.run_if_due(self.db, self.retention_rules, days)
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
