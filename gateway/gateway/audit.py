"""The audit log: every write and every read of personal data, with who, when, what and from where.

It is written in its own transaction, so a request that fails later is still on record as tried.
"""
from . import storage


def record(store, principal, action, object_type=None, object_id=None, personal_data=False, outcome="allowed",
           address=None, correlation_id=None):
    with store.transaction() as tx:
        storage.insert_audit(tx.cursor, {
            "actor_kind": principal.kind, "actor_id": principal.id, "role": principal.role, "action": action,
            "object_type": object_type, "object_id": None if object_id is None else str(object_id),
            "personal_data": personal_data, "outcome": outcome, "address": address,
            "correlation_id": correlation_id})


def search(store, filters, limit=100, before_id=None):
    with store.transaction() as tx:
        rows = storage.query_audit(tx.cursor, filters, limit, before_id)
    return [dict(row, at=row["at"].isoformat()) for row in rows]
