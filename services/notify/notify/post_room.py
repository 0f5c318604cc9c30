"""The post room: letters for applicants we can reach only on paper. Staff list what waits, print each
letter (with the receipt or the answer's files behind it, one document per envelope) and record that
it was posted, which tells routing that the applicant was told."""
import io

from pypdf import PdfWriter

from contracts import notify as events

from . import letter, sender, storage


class NotFound(Exception):
    pass


class AlreadyPosted(Exception):
    pass


def waiting(store, posted=False, limit=200):
    """Letters waiting to be posted (or already posted), oldest first; no address, no text."""
    with store.transaction() as tx:
        rows = storage.post_letters(tx.cursor, posted, limit)
    return [{**{key: value for key, value in row.items() if key != "attachments"},
             "id": str(row["id"]), "application_id": str(row["application_id"]) if row["application_id"] else None,
             "case_id": str(row["case_id"]) if row["case_id"] else None,
             "created_at": row["created_at"].isoformat(), "sent_at": row["sent_at"] and row["sent_at"].isoformat(),
             "attachments": [ref["filename"] for ref in row["attachments"] or ()]} for row in rows]


def printable(store, notification_id, letterhead, fetch_receipt, fetch_file):
    """One PDF for one envelope: the letter, then the receipt and the answer's PDF files."""
    with store.transaction() as tx:
        message = storage.post_letter(tx.cursor, notification_id)
    if message is None:
        raise NotFound(notification_id)
    documents = [letter.render_letter(letter.of_message(message, letterhead))]
    if message["attach_receipt"]:
        documents.append(fetch_receipt(message["application_id"])[2])
    for ref in message["attachments"] or ():
        filename, content_type, content = fetch_file(message, ref)
        if content_type == "application/pdf":
            documents.append(content)
    return _concatenated(documents)


def mark_posted(store, notification_id, posted_by):
    """Record that the letter went into the post; `notification_delivered` tells routing."""
    with store.transaction() as tx:
        message = storage.post_letter(tx.cursor, notification_id, lock=True)
        if message is None:
            raise NotFound(notification_id)
        if message["status"] != "post":
            raise AlreadyPosted(notification_id)
        posted_at = storage.mark_posted(tx.cursor, notification_id, posted_by)
        tx.emit(events.NOTIFICATION_DELIVERED, {**sender.reference(message), "attempts": 1, "delivered_at": posted_at})
    return {"id": str(notification_id), "status": "sent", "posted_at": posted_at.isoformat(), "posted_by": posted_by}


def _concatenated(documents):
    if len(documents) == 1:
        return documents[0]
    writer = PdfWriter()
    for document in documents:
        writer.append(io.BytesIO(document))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
