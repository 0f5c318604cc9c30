"""The office's registers: the municipality's own publications (magazine, newspaper, bulletins) with
their issues and distribution lists, and the programmes and series made with the media."""
import uuid

from contracts.press_inputs import (PressDistribution, PressIssueInput, PressProductionInput, PressProductionQuery,
                                   PressProductionStatus, PressPublicationInput)

from . import access, files, inputs
from . import storage_office as storage
from .exceptions import InvalidTransition, NotFound
from .present import plain

PRODUCTION_LABELS = {"planlandi": "Planlandı", "hazirlaniyor": "Hazırlanıyor", "yayinlandi": "Yayınlandı",
                     "iptal": "İptal edildi"}


def add_publication(store, publication, actor):
    by = access.require(actor, access.WRITERS)
    publication = inputs.load(PressPublicationInput, publication)
    publication_id = uuid.uuid4()
    with store.transaction() as tx:
        if not storage.add_publication(tx.cursor, {"frequency": None, **publication, "id": publication_id,
                                                   "created_by": by}):
            raise InvalidTransition("Bu adla bir yayın zaten var.")
        storage.set_distribution(tx.cursor, publication_id, publication["segment_ids"])
    return _publication(store, publication_id)


def set_distribution(store, publication_id, segment_ids, actor):
    """Who receives the publication: the contacts segments it is distributed to."""
    access.require(actor, access.WRITERS)
    segment_ids = inputs.load(PressDistribution, {"segment_ids": segment_ids})["segment_ids"]
    with store.transaction() as tx:
        _found(storage.publication(tx.cursor, inputs.identifier(publication_id, "Yayın"), lock=True), "Yayın")
        storage.set_distribution(tx.cursor, publication_id, segment_ids)
    return _publication(store, publication_id)


def add_issue(store, publication_id, issue, actor):
    """A new issue of one of the municipality's publications, with its PDF if there is one."""
    by = access.require(actor, access.WRITERS)
    issue = inputs.load(PressIssueInput, issue)
    upload = issue.pop("pdf", None)
    filename, _, pdf = files.decode(upload, files.PDF_TYPES, files.MAX_PDF_BYTES, "pdf") if upload else (None,) * 3
    issue_id = uuid.uuid4()
    with store.transaction() as tx:
        _found(storage.publication(tx.cursor, inputs.identifier(publication_id, "Yayın"), lock=True), "Yayın")
        if not storage.add_issue(tx.cursor, {"print_run": None, **issue, "id": issue_id,
                                             "publication_id": str(publication_id), "pdf": pdf,
                                             "pdf_filename": filename, "created_by": by}):
            raise InvalidTransition(f"Bu yayının {issue['number']} sayılı sayısı zaten kayıtlı.")
    return {**plain(issue), "id": str(issue_id), "publication_id": str(publication_id), "pdf_filename": filename,
            "has_pdf": pdf is not None, "distribution": None}


def list_publications(store):
    with store.transaction() as tx:
        rows = storage.publications(tx.cursor)
        issues = storage.issues(tx.cursor, [row["id"] for row in rows])
    return [{**plain(row), "issues": [_issue(issue) for issue in issues.get(row["id"], [])]} for row in rows]


def _issue(row):
    """An issue as listed, with `distribution` (when it was sent and to how many) or null."""
    sent = {key: row[key] for key in ("distributed_at", "distributed_by", "emailed", "without_email")}
    shown = plain({key: value for key, value in row.items() if key not in sent})
    shown["distribution"] = plain(sent) if sent["distributed_at"] else None
    return shown


def issue_pdf(store, issue_id):
    with store.transaction() as tx:
        row = _found(storage.issue_pdf(tx.cursor, inputs.identifier(issue_id, "Sayı")), "Sayı")
    return files.encoded(row["filename"] or "sayi.pdf", "application/pdf", row["content"], "Sayının PDF'i")


def _publication(store, publication_id):
    return next(p for p in list_publications(store) if p["id"] == str(publication_id))


def add_production(store, production, actor):
    by = access.require(actor, access.WRITERS)
    production = inputs.load(PressProductionInput, production)
    with store.transaction() as tx:
        return _production(storage.add_production(tx.cursor, {**production, "id": uuid.uuid4(), "created_by": by}))


def update_production_status(store, production_id, status, actor, notes=None):
    access.require(actor, access.WRITERS)
    status = inputs.load(PressProductionStatus, {"status": status, "notes": notes})["status"]
    with store.transaction() as tx:
        row = storage.set_production_status(tx.cursor, inputs.identifier(production_id, "Yapım"), status, notes)
    return _production(_found(row, "Yapım"))


def list_productions(store, status=None):
    if status is not None:
        inputs.load(PressProductionQuery, {"status": status})
    with store.transaction() as tx:
        return [_production(row) for row in storage.productions(tx.cursor, status)]


def _production(row):
    return {**plain(row), "status_label": PRODUCTION_LABELS[row["status"]]}


def _found(row, what):
    if row is None:
        raise NotFound(f"{what} bulunamadı.")
    return row
