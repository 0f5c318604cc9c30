"""The post room: letters for applicants we can reach only on paper. Staff list what waits, print each
letter (with the receipt or the answer's files behind it, one document per envelope) and record that
it was posted, which tells routing that the applicant was told."""
import io
import logging

from pypdf import PdfWriter

from contracts import errors, notify as events
from contracts.notify_api import PostRoomQuery
from servicekit import files

from . import inputs, letter, sender, storage
from .exceptions import NotFound
from .failures import UnfitFile

log = logging.getLogger(__name__)


AlreadyPosted = errors.AlreadyPosted  # 409


def waiting(store, posted=False, limit=200):
    """Letters waiting to be posted (or already posted), oldest first; no address, no text."""
    query = inputs.load(PostRoomQuery, {"posted": posted, "limit": limit})
    with store.transaction() as tx:
        rows = storage.post_letters(tx.cursor, query["posted"], query["limit"])
    return [{**{key: value for key, value in row.items() if key != "attachments"},
             "id": str(row["id"]), "application_id": str(row["application_id"]) if row["application_id"] else None,
             "case_id": str(row["case_id"]) if row["case_id"] else None,
             "created_at": row["created_at"].isoformat(), "sent_at": row["sent_at"] and row["sent_at"].isoformat(),
             "attachments": [files.safe_filename(ref["filename"]) for ref in row["attachments"] or ()]}
            for row in rows]


def printable(store, notification_id, letterhead, fetch):
    """One PDF for one envelope: the letter, then the receipt and the answer's PDF files (`fetch(kind, id)`
    gives each, `sender.attachment_fetcher`)."""
    with store.transaction() as tx:
        message = storage.post_letter(tx.cursor, notification_id)
    if message is None:
        raise NotFound()
    documents = [letter.render_letter(letter.of_message(message, letterhead))]
    if message["attach_receipt"]:
        documents.append(sender.receipt(fetch, message)[2])
    for ref in message["attachments"] or ():
        try:
            filename, content_type, content = sender.referenced(fetch, ref)
        except UnfitFile:
            # a file that is not what it says is left out, never a failed print: the letter lists it
            log.warning("post room letter %s: a file left out (not of its type)", notification_id)
            continue
        if content_type == files.PDF and files.is_pdf(content):
            documents.append(content)
    return _concatenated(documents)


def mark_posted(store, notification_id, actor):
    """Record that the letter went into the post, by `actor`; `notification_delivered` tells routing."""
    notification_id, posted_by = inputs.identifier(notification_id), actor["id"]
    with store.transaction() as tx:
        message = storage.post_letter(tx.cursor, notification_id, lock=True)
        if message is None:
            raise NotFound()
        if message["status"] != "post":
            raise AlreadyPosted()
        posted_at = storage.mark_posted(tx.cursor, notification_id, posted_by)
        tx.emit(events.NOTIFICATION_DELIVERED, {**sender.reference(message), "attempts": 1, "delivered_at": posted_at})
    return {"id": str(notification_id), "status": "sent", "posted_at": posted_at.isoformat(), "posted_by": posted_by}


def _concatenated(documents):
    if len(documents) == 1:
        return documents[0]
    writer = PdfWriter()
    for number, document in enumerate(documents):
        try:
            writer.append(io.BytesIO(document))
        except Exception:  # noqa: BLE001 (pypdf raises many kinds of errors on a broken file)
            if number == 0:
                raise  # the letter itself is ours
            log.warning("post room: a document that does not open as a PDF was left out")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
