"""Subscriptions to others' publications and the reminders to renew them: each reminder goes out
once per subscription and renewal date (`subscription_renewal_due`), claimed in the same
transaction as its event."""
import uuid

from contracts import press as events
from contracts.press_inputs import PressSubscriptionInput

from . import access, inputs, subscriptions
from . import storage_office as storage
from .exceptions import NotFound
from .present import plain


def add(store, subscription, actor, today):
    by = access.require(actor, access.WRITERS)
    subscription = inputs.load(PressSubscriptionInput, subscription)
    subscription_id = uuid.uuid4()
    with store.transaction() as tx:
        storage.add_subscription(tx.cursor, {"cost": None, "paid_until": None, **subscription,
                                             "id": subscription_id, "created_by": by})
        return _shown(storage.subscription(tx.cursor, subscription_id), today)


def listing(store, today, active_only=False):
    with store.transaction() as tx:
        return [_shown(row, today) for row in storage.subscriptions(tx.cursor, bool(active_only))]


def renew(store, subscription_id, actor, today):
    """One more period paid: `paid_until` moves to the next period end; reminders start afresh."""
    access.require(actor, access.WRITERS)
    with store.transaction() as tx:
        row = storage.subscription(tx.cursor, inputs.identifier(subscription_id, "Abonelik"), lock=True)
        if row is None:
            raise NotFound("Abonelik bulunamadı.")
        # a subscription that renewed itself so far is paid up to its current renewal date
        paid = row if row["paid_until"] else {**row, "paid_until": subscriptions.renews_on(row, today)}
        storage.set_paid_until(tx.cursor, row["id"], subscriptions.renewed(paid)["paid_until"])
        return _shown(storage.subscription(tx.cursor, row["id"]), today)


def cancel(store, subscription_id, actor, today):
    """The subscription ends: no more reminders."""
    access.require(actor, access.WRITERS)
    with store.transaction() as tx:
        row = storage.subscription(tx.cursor, inputs.identifier(subscription_id, "Abonelik"), lock=True)
        if row is None:
            raise NotFound("Abonelik bulunamadı.")
        storage.set_subscription_active(tx.cursor, row["id"], False)
        return _shown(storage.subscription(tx.cursor, row["id"]), today)


def remind(store, today, days_before):
    """Emit a reminder for each subscription due for renewal within `days_before` days; returns how many."""
    with store.transaction() as tx:
        due = subscriptions.reminders_due(storage.subscriptions(tx.cursor, active_only=True), today, days_before)
    sent = 0
    for reminder in due:
        subscription = reminder["subscription"]
        with store.transaction() as tx:
            if not storage.claim_reminder(tx.cursor, subscription["id"], reminder["renews_on"]):
                continue
            tx.emit(events.SUBSCRIPTION_RENEWAL_DUE, {
                "subscription_id": subscription["id"], "publication": subscription["publication"],
                "renews_on": reminder["renews_on"], "days_left": reminder["days_left"]})
        sent += 1
    return sent


def _shown(row, today):
    shown = plain(row)
    if row["active"]:
        renews_on = subscriptions.renews_on(row, today)
        shown.update(renews_on=renews_on.isoformat(), days_left=(renews_on - today).days)
    else:
        shown.update(renews_on=None, days_left=None)
    shown["period_label"] = subscriptions.PERIOD_LABELS[row["period"]]
    return shown
