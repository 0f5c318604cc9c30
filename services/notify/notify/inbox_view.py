"""What staff read: their inbox, and the delivery record of an application."""
from . import storage


def _plain(row):
    return {key: (value.isoformat() if hasattr(value, "isoformat") else str(value) if key.endswith("id") and value
                  else value) for key, value in row.items()}


def messages(store, reader, audiences, unread_only, limit):
    with store.transaction() as tx:
        rows = storage.inbox(tx.cursor, audiences, reader, limit, unread_only)
    return [dict(_plain(row), read=row["read_at"] is not None) for row in rows]


def mark_read(store, reader, audiences, message_id):
    with store.transaction() as tx:
        return storage.mark_read(tx.cursor, message_id, audiences, reader)


def deliveries(store, application_id):
    with store.transaction() as tx:
        return [_plain(row) for row in storage.deliveries(tx.cursor, application_id)]
