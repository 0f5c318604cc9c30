"""Sending an issue of the municipality's own publication to its distribution list (the contacts
segments the publication names), and the list itself for the printed copies that go by post.

The list is asked of the information bank at the moment of sending, so whoever opted out since is not
on it; press keeps only how many were e-mailed and how many were left for the post, never the names.
An issue goes out once: a second attempt is refused, even from two desks at the same moment.
"""
import logging
from datetime import timezone

from contracts import press as events
from servicekit.spreadsheet import excel_csv

from . import access, files, information_bank, inputs
from .clippings import ISTANBUL
from . import storage_office as storage
from .exceptions import InvalidTransition, NotFound
from .present import plain

log = logging.getLogger(__name__)

LIST_COLUMNS = ("Ad", "Kurum", "Adres", "E-posta", "Telefon")


def distribute_issue(store, contacts_rpc, issue_id, actor, settings):
    """E-mail the issue (its PDF, and its public link) to every member of the publication's segments
    with an e-mail address; answers the counts, `without_email` being those the printed list serves."""
    by = access.require(actor, access.WRITERS)
    with store.transaction() as tx:
        issue = _issue(tx.cursor, issue_id)
    _refuse_if_sent(issue)
    if issue["pdf_size"] is None:
        raise InvalidTransition("Sayının PDF'i yüklenmeden e-postayla dağıtılamaz.")
    if not issue["segment_ids"]:
        raise InvalidTransition("Yayının dağıtım listesi yok: önce bilgi bankasından bir liste seçin.")
    members = _members(contacts_rpc, issue["segment_ids"], settings.contacts_timeout)
    recipients = information_bank.mailable(members)
    without_email = sum(1 for member in members if not member.get("email"))
    with store.transaction() as tx:
        sent_at = storage.record_distribution(tx.cursor, {
            "issue_id": issue["id"], "segment_ids": list(issue["segment_ids"]), "emailed": len(recipients),
            "without_email": without_email, "distributed_by": by})
        if sent_at is None:
            _refuse_if_sent(_issue(tx.cursor, issue_id))
        tx.emit(events.ISSUE_DISTRIBUTED, {
            "issue_id": issue["id"], "publication_id": issue["publication_id"],
            "publication_title": issue["publication_title"], "publication_kind": issue["publication_kind"],
            "number": issue["number"], "issued_on": issue["issued_on"], "contents": issue["contents"],
            "pdf": {"id": issue["id"], "filename": issue["pdf_filename"] or f"sayi-{issue['number']}.pdf",
                    "content_type": "application/pdf", "size": issue["pdf_size"]},
            "pdf_url": settings.issue_url(issue["id"]), "recipients": recipients})
    log.info("issue %s sent to %s address(es); %s without e-mail", issue["id"], len(recipients), without_email)
    return plain({"issue_id": issue["id"], "publication_id": issue["publication_id"], "number": issue["number"],
                  "distributed_at": sent_at.astimezone(timezone.utc), "distributed_by": by,
                  "segment_ids": list(issue["segment_ids"]), "emailed": len(recipients),
                  "without_email": without_email})


def distribution_list(store, contacts_rpc, publication_id, actor, settings):
    """The publication's distribution list today as CSV for Excel (labels for the printed copies):
    `{"filename", "content_type", "content_base64"}`; each member once."""
    access.require(actor, access.WRITERS)
    with store.transaction() as tx:
        publication = storage.publication(tx.cursor, inputs.identifier(publication_id, "Yayın"))
        if publication is None:
            raise NotFound("Yayın bulunamadı.")
        segment_ids = next(p["segment_ids"] for p in storage.publications(tx.cursor) if p["id"] == publication["id"])
    members = _members(contacts_rpc, segment_ids, settings.contacts_timeout)
    rows = [(m.get("full_name"), m.get("organisation"), m.get("address"), m.get("email"), m.get("phone"))
            for m in members]
    content = excel_csv(LIST_COLUMNS, rows)
    return files.encoded(f"{files.slug(publication['title'])}-dagitim-listesi.csv", "text/csv; charset=utf-8",
                         content, "Dağıtım listesi")


def public_issue_pdf(store, issue_id):
    """The PDF of an issue that has been sent out (the public link in the e-mail); NotFound before."""
    with store.transaction() as tx:
        row = storage.issue_pdf(tx.cursor, inputs.identifier(issue_id, "Sayı"), distributed_only=True)
    if row is None:
        raise NotFound("Sayı bulunamadı.")
    return files.encoded(row["filename"] or "sayi.pdf", "application/pdf", row["content"], "Sayının PDF'i")


def _issue(cur, issue_id):
    issue = storage.issue_for_distribution(cur, inputs.identifier(issue_id, "Sayı"))
    if issue is None:
        raise NotFound("Sayı bulunamadı.")
    return issue


def _refuse_if_sent(issue):
    if issue["distributed_at"] is not None:
        when = issue["distributed_at"].astimezone(ISTANBUL).strftime("%d.%m.%Y %H:%M")
        raise InvalidTransition(f"Bu sayı {when} tarihinde dağıtıldı; bir sayı bir kez gönderilir.")


def _members(contacts_rpc, segment_ids, timeout):
    """Every segment's members, each contact once, in the order the segments name them."""
    found = {}
    for segment_id in segment_ids:
        try:
            members = information_bank.ask(contacts_rpc, timeout, "segment_members", segment_id)
        except NotFound:  # the publication's list is what must change, not the issue
            raise InvalidTransition(f"Dağıtım listesindeki bir liste ({segment_id}) bilgi bankasında artık yok; "
                                    "listeyi güncelleyin.") from None
        for member in members:
            found.setdefault(str(member["contact_id"]), member)
    return list(found.values())

