"""Importing a spreadsheet (CSV as Excel writes it) or an address book (vCard) into the information bank.

`start` stores the file and answers at once with the import's id; the service's timer works through
running imports in batches (`work`), each batch one transaction with its rows and the progress, so
`status` shows how far it got and a restart carries on where it stopped. Re-importing a file changes
nothing that did not change: a row is matched to its record by its "Kayıt No" / vCard UID, else by
csv_io.import_key, and only what the row adds (a new phone, a new office) is written. A dry run does
the same matching and counting and writes nothing but its own report.
"""
import base64
import binascii
import logging
import uuid

import psycopg2

from contracts.contacts import FILE_FORMATS, MAX_IMPORT_BYTES
from contracts.contacts_records import ContactImportInput
from servicekit.turkish import fold

from . import access, categories, csv_io, records, schemas, storage, storage_events, vcard_io
from .directory import changed
from .duplicates import display_name
from .exceptions import InvalidInput, NotFound

FORMATS, MAX_BYTES = FILE_FORMATS, MAX_IMPORT_BYTES

log = logging.getLogger(__name__)


def start(store, format, filename, content_base64, dry_run, actor):
    """Accept a file for import; answers `{"import_id", "status": "running", ...}` before any row is read."""
    access.may_write(actor)
    schemas.declared(ContactImportInput, schemas.given(format=format, filename=filename,
                                                       content_base64=content_base64, dry_run=dry_run))
    errors = {}
    if format not in FORMATS:
        errors["format"] = ["Biçim 'csv' ya da 'vcard' olmalı."]
    if not (filename or "").strip():
        errors["filename"] = ["Dosya adı gerekli."]
    try:
        content = base64.b64decode(content_base64 or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        content = None
        errors["content_base64"] = ["Dosya içeriği base64 olarak okunamadı."]
    if content is not None and not content:
        errors["content_base64"] = ["Dosya boş."]
    if content is not None and len(content) > MAX_BYTES:
        errors["content_base64"] = [f"Dosya en çok {MAX_BYTES // (1024 * 1024)} MB olabilir."]
    if errors:
        raise InvalidInput(errors)
    import_id = uuid.uuid4()
    with store.transaction() as tx:
        storage_events.insert_import(tx.cursor, {"id": import_id, "format": format, "filename": filename.strip(),
                                                 "dry_run": bool(dry_run), "content": content,
                                                 "started_by": access.actor_id(actor)})
        job = storage_events.import_job(tx.cursor, import_id)
    return _shown(job)


def status(store, import_id, actor):
    """How far an import got: counts, `processed_rows` of `total_rows`, and the errors of each row."""
    access.may_read(actor)
    with store.transaction() as tx:
        job = storage_events.import_job(tx.cursor, schemas.identifier(import_id, "içe aktarma"))
    if job is None:
        raise NotFound("Böyle bir içe aktarma yok.")
    return _shown(job)


def _shown(job):
    return records.public({"import_id": job["id"], **{k: v for k, v in job.items() if k != "id"}})


def parse(format, content):
    """(header errors, [(row, record or None, errors)]); raises ValueError when the file is unreadable."""
    if format == "vcard":
        return [], [(number, record, []) for number, record in enumerate(vcard_io.parse(content), start=1)]
    items = list(csv_io.parse(content))
    header = [{"row": item.row, "errors": item.errors} for item in items if item.row == 1]
    rows = [(item.row, item.record, item.errors) for item in items if item.row > 1]
    if header and not rows:
        raise ValueError(" ".join(header[0]["errors"]))
    return header, rows


def work(store, batch_rows):
    """Carry every running import to its end, batch by batch; answers how many rows were processed."""
    with store.transaction() as tx:
        ids = storage_events.running_import_ids(tx.cursor)
    return sum(_run(store, import_id, batch_rows) for import_id in ids)


def _run(store, import_id, batch_rows):
    with store.transaction() as tx:
        job = storage_events.import_content(tx.cursor, import_id)
    if job is None:
        return 0
    try:
        header, rows = parse(job["format"], bytes(job["content"]))
    except ValueError as exc:
        with store.transaction() as tx:
            if storage_events.claim_import(tx.cursor, import_id):
                storage_events.save_progress(tx.cursor, import_id, {
                    "total_rows": 0, "processed_rows": 0, "created": 0, "updated": 0, "skipped": 0,
                    "errors": [{"row": 0, "errors": [str(exc)]}]}, status="failed")
        return 0
    done = 0
    while True:
        with store.transaction() as tx:
            claimed = storage_events.claim_import(tx.cursor, import_id)
            if claimed is None:
                return done  # finished, or another instance holds it now
            progress = {key: claimed[key] for key in ("processed_rows", "created", "updated", "skipped", "errors")}
            progress["total_rows"] = len(rows)
            if progress["processed_rows"] == 0 and not progress["errors"]:
                progress["errors"] = list(header)
            batch = rows[progress["processed_rows"]:progress["processed_rows"] + batch_rows]
            table = records.precedence_table(tx.cursor)
            for row, record, errors in batch:
                outcome = _apply_safely(tx, row, record, errors, claimed, table)
                if outcome in ("created", "updated", "skipped"):
                    progress[outcome] += 1
                else:
                    progress["errors"].append({"row": row, "errors": outcome})
            progress["processed_rows"] += len(batch)
            finished = progress["processed_rows"] >= len(rows)
            storage_events.save_progress(tx.cursor, import_id, progress, status="done" if finished else "running")
        done += len(batch)
        if finished:
            return done


def _same_role(a, b):
    def key(role):
        return fold(role.get("organisation_name") or ""), fold(role.get("title") or role.get("office") or "")
    return key(a) == key(b) or (a.get("office") and a.get("office") == b.get("office")
                                and fold(a.get("organisation_name") or "") == fold(b.get("organisation_name") or ""))


def combine(stored, imported):
    """The stored record with what the imported one adds: filled fields, new phones, e-mails, addresses
    and tags, a lawful basis; and the roles it names that the record does not hold yet."""
    result = dict(stored)
    if display_name(imported):
        result["full_name" if stored["kind"] == categories.PERSON else "name"] = display_name(imported)
    for field in ("category", "neighbourhood", "notes"):
        if imported.get(field):
            result[field] = imported[field]
    for field in ("phones", "emails", "addresses", "tags"):
        known = {fold(str(v)) for v in stored.get(field) or ()}
        result[field] = list(stored.get(field) or ()) + [v for v in imported.get(field) or ()
                                                          if fold(str(v)) not in known]
    basis = (imported.get("consent") or {}).get("basis")
    if basis:
        result["consent"] = {**stored["consent"], "basis": basis}
    if not stored.get("external_ref") and imported.get("external_ref") not in (None, stored["id"]):
        result["external_ref"] = imported["external_ref"]
    current = [r for r in stored["roles"] if r.get("ended_on") is None]
    new_roles = [r for r in imported.get("roles") or () if not any(_same_role(r, held) for held in current)]
    return result, new_roles


def _apply_safely(tx, row, record, errors, job, table):
    """A row the database refuses becomes that row's error instead of failing its batch again and again."""
    tx.cursor.execute("SAVEPOINT import_row")
    try:
        outcome = _apply(tx, row, record, errors, job, table)
    except (psycopg2.DataError, psycopg2.IntegrityError) as exc:
        tx.cursor.execute("ROLLBACK TO SAVEPOINT import_row")
        log.warning("import %s row %s refused by the database: %s", job["id"], row, type(exc).__name__)
        return [f"Satır {row}: kaydedilemedi ({type(exc).__name__})."]
    tx.cursor.execute("RELEASE SAVEPOINT import_row")
    return outcome


def _apply(tx, row, record, errors, job, table):
    """One row: "created", "updated", "skipped", or its list of errors."""
    if errors or record is None:
        return errors or [f"Satır {row}: okunamadı."]
    record = records.with_office_codes(record, table)
    key = csv_io.import_key(record)
    ref = record.get("external_ref")
    own_id = ref if ref and _is_uuid(ref) else None
    found = storage.find_contact(tx.cursor, external_ref=ref, contact_id=own_id, import_key=key)
    by = access.actor_id({"id": job["started_by"]})
    if found is None:
        if not job["dry_run"]:
            contact_id = records.create(tx.cursor, record, by, import_key=key)
            changed(tx, contact_id, "created", {"id": by})
        return "created"
    stored = records.read_one(tx.cursor, found)
    combined, new_roles = combine(stored, record)
    if records.fingerprint(combined) == records.fingerprint(stored) and not new_roles:
        return "skipped"
    if not job["dry_run"]:
        records.update(tx.cursor, found, combined, by, new_roles)
        if new_roles:
            records.refresh_search(tx.cursor, found)
        changed(tx, found, "updated", {"id": by})
    return "updated"


def _is_uuid(value):
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False
