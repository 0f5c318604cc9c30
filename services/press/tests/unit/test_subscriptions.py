"""Subscriptions to publications: period arithmetic and renewal reminders."""
from datetime import date

import pytest

from press.subscriptions import add_months, reminder_text, reminders_due, renewed, renews_on

TODAY = date(2026, 11, 26)


def subscription(n, period="yearly", started_on=date(2025, 12, 26), **extra):
    return {"id": n, "publication": f"Gazete {n}", "period": period, "started_on": started_on, "active": True,
            **extra}


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 1, 31), 2, date(2026, 3, 31)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2028, 2, 29), 12, date(2029, 2, 28)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
])
def test_months_are_added_by_the_calendar_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_a_monthly_subscription_from_the_31st_does_not_drift_to_the_28th():
    sub = subscription(1, "monthly", date(2026, 1, 31))
    assert renews_on(sub, date(2026, 2, 10)) == date(2026, 2, 28)
    assert renews_on(sub, date(2026, 3, 1)) == date(2026, 3, 31)
    assert renews_on(sub, date(2026, 4, 1)) == date(2026, 4, 30)
    assert renews_on(sub, date(2026, 4, 30)) == date(2026, 4, 30)


def test_a_yearly_subscription_renews_on_its_anniversary():
    assert renews_on(subscription(1), TODAY) == date(2026, 12, 26)
    assert renews_on(subscription(1, "quarterly"), TODAY) == date(2026, 12, 26)
    assert renews_on(subscription(1, "quarterly"), date(2026, 12, 27)) == date(2027, 3, 26)


def test_reminders_come_thirty_days_ahead_and_not_earlier():
    due = reminders_due([subscription(1, started_on=date(2025, 12, 26)),     # 30 days left
                         subscription(2, started_on=date(2025, 12, 27)),     # 31 days left
                         subscription(3, started_on=date(2025, 11, 26))],    # renews today
                        TODAY)
    assert [(r["subscription"]["id"], r["renews_on"], r["days_left"], r["overdue"]) for r in due] == [
        (3, date(2026, 11, 26), 0, False), (1, date(2026, 12, 26), 30, False)]


def test_the_warning_period_can_be_chosen():
    assert reminders_due([subscription(1)], TODAY, days_before=7) == []
    assert len(reminders_due([subscription(1)], TODAY, days_before=60)) == 1


def test_a_subscription_past_its_paid_until_is_overdue_until_renewed():
    (due,) = reminders_due([subscription(1, paid_until=date(2026, 11, 20))], TODAY)
    assert (due["renews_on"], due["days_left"], due["overdue"]) == (date(2026, 11, 20), -6, True)


def test_inactive_subscriptions_and_reminders_already_sent_are_skipped():
    assert reminders_due([subscription(1, active=False)], TODAY) == []
    assert reminders_due([subscription(1, reminded_for=date(2026, 12, 26))], TODAY) == []
    # a reminder sent for last year's date does not stop this year's
    assert len(reminders_due([subscription(1, reminded_for=date(2025, 12, 26))], TODAY)) == 1


def test_renewing_pays_one_more_period_from_the_anchor():
    sub = subscription(1, "monthly", date(2026, 1, 31), paid_until=date(2026, 2, 28), reminded_for=date(2026, 2, 28))
    once = renewed(sub)
    assert once["paid_until"] == date(2026, 3, 31) and once["reminded_for"] is None
    assert renewed(once)["paid_until"] == date(2026, 4, 30)
    assert sub["paid_until"] == date(2026, 2, 28)
    assert renewed(subscription(2, started_on=date(2026, 1, 1)))["paid_until"] == date(2027, 1, 1)


def test_an_unknown_period_is_an_error():
    with pytest.raises(ValueError):
        renews_on(subscription(1, "weekly"), TODAY)


def test_reminders_read_in_turkish():
    (soon,) = reminders_due([subscription(1)], TODAY)
    assert reminder_text(soon) == "Gazete 1 (yıllık abonelik) 26.12.2026 tarihinde yenilenmeli (30 gün kaldı)."
    (late,) = reminders_due([subscription(2, "monthly", paid_until=date(2026, 11, 20))], TODAY)
    assert reminder_text(late) == "Gazete 2 (aylık abonelik) 20.11.2026 tarihinde sona erdi; yenilenmedi (6 gün geçti)."
    (today,) = reminders_due([subscription(3, started_on=date(2025, 11, 26))], TODAY)
    assert reminder_text(today) == "Gazete 3 (yıllık abonelik) bugün (26.11.2026) yenilenmeli."
