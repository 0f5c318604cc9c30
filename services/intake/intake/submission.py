"""Taking in one application: the service layer between the entrypoints and storage.

Order of work: validate against the contract, find the formal defects, and then in one transaction:
return the original if this is a retry (same source reference or Idempotency-Key), take the next
tracking number, store the application, its applicant and attachments, flag likely duplicates, and
write the event to the outbox.
"""
import base64
import hashlib
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import psycopg2.errors
from marshmallow import ValidationError

from contracts import intake as events
from contracts.inbound import ApplicationSubmissionSchema
from servicekit import files
from servicekit.turkish import fold

from . import duplicates, formal_checks, storage
from .exceptions import IdempotencyConflict, InvalidSubmission
from .tracking import format_tracking_number, lookup_code

ISTANBUL = ZoneInfo("Europe/Istanbul")
SUBMISSION_SCHEMA = ApplicationSubmissionSchema()  # built once: schemas are reusable and costly to build


def load_submission(raw):
    """The submission as the contract reads it, or `InvalidSubmission` with the field errors."""
    try:
        return SUBMISSION_SCHEMA.load(raw)
    except ValidationError as exc:
        raise InvalidSubmission(exc.messages) from None


def request_fingerprint(raw):
    return hashlib.sha256(storage.as_json(raw).encode()).hexdigest()


def submit(store, raw, submitted_by, settings, idempotency_key=None, now=None):
    """Store an application; returns `(summary, created)`. A retry returns the original, `created=False`.

    `settings` holds `tracking_prefix` and `lookup_secret`.
    """
    submission = load_submission(raw)
    fingerprint = request_fingerprint(raw)
    defects = formal_checks.find_defects(submission)
    attachments = _decode_attachments(submission["attachments"])
    for attempt in (1, 2):
        try:
            with store.transaction() as tx:
                original, by_key = _find_original(tx.cursor, submission, submitted_by, idempotency_key)
                if original:
                    if by_key and original["request_hash"] != fingerprint:
                        raise IdempotencyConflict()
                    return summarise(original, settings, _own_duplicates(tx.cursor, original, submitted_by)), False
                _canonical_neighbourhood(tx.cursor, submission)
                app = _store(tx, submission, attachments, defects, submitted_by, idempotency_key, fingerprint,
                             settings, now or datetime.now(timezone.utc))
                return summarise(app, settings, _own_duplicates(tx.cursor, app, submitted_by)), True
        except psycopg2.errors.UniqueViolation:
            if attempt == 2:
                raise
            # a concurrent retry of the same request won the race: answer with its result
    raise AssertionError("unreachable")


def _find_original(cur, submission, submitted_by, idempotency_key):
    """`(application, found_by_key)`: the one this submission repeats, by the source system's reference first (the
    same application, whichever way it came: the portal's event or its HTTP post), else by the caller's key.
    Only a key reused for another request is a conflict; the same reference is the same application."""
    if submission.get("source_system"):
        found = storage.find_by_source(cur, submission["source_system"], submission["source_reference"])
        if found:
            return found, False
    if idempotency_key:
        found = storage.find_by_idempotency_key(cur, submitted_by, idempotency_key)
        return found, found is not None
    return None, False


def _canonical_neighbourhood(cur, submission):
    name = submission.get("neighbourhood")
    if not name:
        return
    known = storage.neighbourhood_by_folded_name(cur, fold(name))
    if known is None and storage.count_neighbourhoods(cur):
        raise InvalidSubmission({"neighbourhood": [f"'{name}' bu belediyenin mahallelerinden biri değil."]})
    submission["neighbourhood"] = known or name


def _decode_attachments(attachments):
    decoded = []
    for index, attachment in enumerate(attachments):
        try:
            content = base64.b64decode(attachment["content_base64"], validate=True)
        except ValueError:
            raise InvalidSubmission({"attachments": {index: {"content_base64": ["Geçerli base64 değil."]}}}) from None
        # the type is what the bytes are, not what the sender says; the name only a base name
        refused = files.mismatch(content, attachment["content_type"])
        if refused:
            raise InvalidSubmission({"attachments": {index: {"content_base64": [refused]}}})
        decoded.append((files.safe_filename(attachment["filename"]), attachment["content_type"], content))
    return decoded


def _store(tx, submission, attachments, defects, submitted_by, idempotency_key, fingerprint, settings, now):
    cur = tx.cursor
    received_at = submission.get("received_at") or now
    applicant = submission["applicant"]
    key = duplicates.applicant_key(applicant)
    recent = storage.recent_by_applicant(cur, key, received_at - timedelta(days=duplicates.WINDOW_DAYS)) if key else []
    app = {
        "id": uuid.uuid4(),
        "status": "not_processed" if defects else "received",
        "channel": submission["channel"], "type": submission["type"], "category": submission["category"],
        "subject": submission.get("subject") or "", "body": submission["body"],
        "neighbourhood": submission.get("neighbourhood"), "location": submission.get("location"),
        "media_url": submission.get("media_url"), "received_at": received_at,
        "source_system": submission.get("source_system"), "source_reference": submission.get("source_reference"),
        "submitted_by": submitted_by, "idempotency_key": idempotency_key, "request_hash": fingerprint,
        "defects": [vars(defect) for defect in defects],
        "possible_duplicate_of": duplicates.likely_duplicates(submission, recent),
        "applicant_key": key,
    }
    # the number is taken last: its counter row is locked until commit
    year = received_at.astimezone(ISTANBUL).year
    app["tracking_number"] = format_tracking_number(settings["tracking_prefix"], year,
                                                    storage.next_sequence(cur, year))
    storage.insert_application(cur, app)
    storage.insert_applicant(cur, app["id"], applicant)
    for filename, content_type, content in attachments:
        storage.insert_attachment(cur, uuid.uuid4(), app["id"], filename, content_type, content)
    _emit(tx, app, applicant, len(attachments), lookup_code(settings["lookup_secret"], app["id"]))
    return app


def _emit(tx, app, applicant, attachment_count, code):
    contact = {field: applicant.get(field) for field in
               ("full_name", "email", "phone", "postal_address", "preferred_reply_channel")}
    contact["hide_identity"] = applicant.get("hide_identity", False)
    common = {"application_id": app["id"], "tracking_number": app["tracking_number"], "channel": app["channel"],
              "type": app["type"], "subject": app["subject"], "received_at": app["received_at"],
              "applicant": contact, "submitted_by": app["submitted_by"]}
    if app["defects"]:
        tx.emit(events.APPLICATION_NOT_PROCESSED, {**common, "reasons": app["defects"]})
    else:
        tx.emit(events.APPLICATION_RECEIVED, {
            **common, "category": app["category"], "neighbourhood": app["neighbourhood"],
            "source_system": app["source_system"], "source_reference": app["source_reference"],
            "attachment_count": attachment_count, "possible_duplicate_of": app["possible_duplicate_of"],
            "lookup_code": code, "location": app["location"], "media_url": app["media_url"]})


def _own_duplicates(cur, app, submitted_by):
    """The submitter learns only of likely duplicates it submitted itself (staff see them all on the
    application); the full list goes to routing with the event, for the desk to judge."""
    return duplicates.visible_to(cur, app["possible_duplicate_of"], submitted_by)


def summarise(app, settings, possible_duplicate_of=()):
    """What the submitter gets back: no personal data, the applicant's lookup code, and the duplicate hints
    it may see."""
    return {
        "id": str(app["id"]),
        "tracking_number": app["tracking_number"],
        "status": app["status"],
        "received_at": app["received_at"].isoformat(),
        "reasons": app["defects"],
        "possible_duplicate_of": list(possible_duplicate_of),
        "lookup_code": lookup_code(settings["lookup_secret"], app["id"]),
    }
