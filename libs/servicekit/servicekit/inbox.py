"""The inbox: each consumer records the events it has acted on, in the same transaction as the
effect, so a redelivered event changes nothing (DESIGN.md §3.2)."""


def first_time(cursor, consumer, event_id):
    """True if `consumer` has not processed `event_id` before; records it either way."""
    cursor.execute(
        "INSERT INTO inbox (consumer, event_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
        (consumer, str(event_id)))
    return cursor.rowcount == 1
