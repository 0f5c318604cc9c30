"""Subscriptions to publications (gazete, dergi, dijital arşiv …) and the reminders to renew them.

A subscription is a plain dict:

    {"id": 3, "publication": "Yeni Asır", "period": "monthly" | "quarterly" | "yearly",
     "started_on": date(2026, 1, 31), "paid_until": date or None, "active": True,
     "reminded_for": date or None}   # the renewal date a reminder was last sent for

Without `paid_until` the subscription renews itself on each anniversary of `started_on`; with it, it
ends then unless renewed. Periods are counted from `started_on`, so a subscription started on 31
January renews on 28 (29) February, 31 March, 30 April …, never drifting to the 28th for good.
"""
from __future__ import annotations

import calendar
from datetime import date

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
PERIOD_LABELS = {"monthly": "aylık", "quarterly": "üç aylık", "yearly": "yıllık"}
DEFAULT_DAYS_BEFORE = 30


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months, the day of month clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def period_end(subscription: dict, periods: int) -> date:
    """The end of the subscription's `periods`-th period, counted from `started_on`."""
    return add_months(subscription["started_on"], periods * _months(subscription))


def _months(subscription):
    try:
        return PERIOD_MONTHS[subscription["period"]]
    except KeyError:
        raise ValueError(f"unknown subscription period: {subscription.get('period')!r}") from None


def renews_on(subscription: dict, today: date) -> date:
    """The date the subscription must next be renewed by: `paid_until` when set (possibly already
    past), else the first period end on or after `today`."""
    if subscription.get("paid_until"):
        return subscription["paid_until"]
    periods = 1
    while period_end(subscription, periods) < today:
        periods += 1
    return period_end(subscription, periods)


def reminders_due(subscriptions, today: date, days_before: int = DEFAULT_DAYS_BEFORE) -> list[dict]:
    """Reminders for active subscriptions that renew within `days_before` days of `today`, or are
    past their `paid_until` unrenewed; none again for a date a reminder was already sent for.

    Each: {"subscription": the dict, "renews_on": date, "days_left": int (negative when overdue),
    "overdue": bool}; soonest first.
    """
    due = []
    for subscription in subscriptions:
        if not subscription.get("active", True):
            continue
        when = renews_on(subscription, today)
        days_left = (when - today).days
        if days_left <= days_before and subscription.get("reminded_for") != when:
            due.append({"subscription": subscription, "renews_on": when, "days_left": days_left,
                        "overdue": days_left < 0})
    return sorted(due, key=lambda r: (r["renews_on"], str(r["subscription"].get("publication", ""))))


def renewed(subscription: dict) -> dict:
    """The subscription after one more period is paid: `paid_until` moves to the next period end."""
    current = subscription.get("paid_until") or subscription["started_on"]
    periods = 1
    while period_end(subscription, periods) <= current:
        periods += 1
    return {**subscription, "paid_until": period_end(subscription, periods), "reminded_for": None}


def reminder_text(reminder: dict) -> str:
    """One Turkish line for the press office's inbox."""
    subscription, days_left = reminder["subscription"], reminder["days_left"]
    period = PERIOD_LABELS.get(subscription.get("period"), "")
    name = subscription.get("publication", "")
    if period:
        name = f"{name} ({period} abonelik)"
    when = reminder["renews_on"].strftime("%d.%m.%Y")
    if days_left < 0:
        return f"{name} {when} tarihinde sona erdi; yenilenmedi ({-days_left} gün geçti)."
    if days_left == 0:
        return f"{name} bugün ({when}) yenilenmeli."
    return f"{name} {when} tarihinde yenilenmeli ({days_left} gün kaldı)."
