"""What staff read: their inbox, and the delivery record of an application."""
from contracts.notify_api import InboxQuery

from . import inputs, storage
from .exceptions import NotFound


def _plain(row):
    return {key: (value.isoformat() if hasattr(value, "isoformat") else str(value) if key.endswith("id") and value
                  else value) for key, value in row.items()}


def audiences(actor):
    """Whose inbox messages a staff member reads: their role's, and their directorate's."""
    found = [f"role:{actor['role']}"]
    if actor.get("directorate"):
        found.append(f"directorate:{actor['directorate']}")
    return found


def messages(store, actor, unread=False, limit=50):
    """The actor's messages, newest first (`unread`: only those they have not read)."""
    query = inputs.load(InboxQuery, {"unread": unread, "limit": limit})
    with store.transaction() as tx:
        rows = storage.inbox(tx.cursor, audiences(actor), actor["id"], query["limit"], query["unread"])
    return [dict(_plain(row), read=row["read_at"] is not None) for row in rows]


def mark_read(store, actor, message_id):
    """Marks one of the actor's messages read; NotFound when there is none such for them."""
    message_id = inputs.identifier(message_id)
    with store.transaction() as tx:
        if not storage.mark_read(tx.cursor, message_id, audiences(actor), actor["id"]):
            raise NotFound()


def deliveries(store, application_id):
    with store.transaction() as tx:
        return [_plain(row) for row in storage.deliveries(tx.cursor, application_id)]
