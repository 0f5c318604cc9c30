"""Everything a case's dates depend on, for one process: the legal rules (seed/deadline_rules.yml),
the calendar with the idari izin days staff keep, the routing rules, and the seed's settings."""
from pathlib import Path

import yaml

from contracts import errors

from . import clock, rules, storage
from .calendar import WorkCalendar

SEED_DIR = Path(__file__).resolve().parent.parent / "seed"


UnknownDirectorate = errors.UnknownDirectorate


def read_seed(path=None):
    with open(path or SEED_DIR / "gaziemir.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Deadlines:
    def __init__(self, seed, deadline_rules):
        self.seed = seed
        self.rules = deadline_rules
        self.calendar = WorkCalendar()

    @classmethod
    def load(cls, seed_path=None, rules_path=None):
        return cls(read_seed(seed_path), clock.load_rules(rules_path or SEED_DIR / "deadline_rules.yml"))

    def refresh_calendar(self, cur):
        """Staff add idari izin days while the service runs: read them again before counting."""
        days = frozenset(row["day"] for row in storage.idari_izin_days(cur))
        if days != self.calendar.idari_izin:
            self.calendar = WorkCalendar(idari_izin=days)

    def routing_rules(self, cur):
        self.refresh_calendar(cur)
        return [rules.RoutingRule(rule_id=row["id"], directorate=row["directorate"], category=row["category"],
                                  neighbourhood=row["neighbourhood"], channel=row["channel"],
                                  keywords=tuple(row["keywords"] or ()), priority=row["priority"])
                for row in storage.active_rules(cur)]

    def due_for(self, application_type, channel, category, received_on):
        rule = clock.rule_for(application_type, channel, category, self.rules)
        return self._as_case_fields(clock.compute_due(rule, received_on, self.calendar))

    def extended_due(self, received_on, today, reason):
        return self._as_case_fields(clock.extend(received_on, today, reason, self.rules, self.calendar))

    def paused_due(self, rule_id, received_on, paused_on, resumed_on):
        """The dates while a fee notice stops the clock (no legal date until it is paid), or after."""
        due = clock.with_pause(self.rules[rule_id], received_on, paused_on, resumed_on,
                               self.rules.fee_notice_restarts, self.calendar)
        return self._as_case_fields(due)

    def _as_case_fields(self, due):
        return {"deadline_rule": due.rule.rule_id, "legal_due_on": due.due_on,
                "internal_due_on": clock.internal_due(due.due_on, self.rules.internal_margin_working_days,
                                                      self.calendar),
                "due_explanation": due.as_dict()}

    def preview(self, application_type, received_on, extended):
        return clock.preview(application_type, received_on, extended, self.rules, self.calendar)

    def needs_mayor(self, category, channel=None):
        return category in set(self.seed.get("mayor_approval_categories") or ()) or \
            channel in set(self.seed.get("mayor_approval_channels") or ())

    @property
    def escalation_chain(self):
        return list(self.seed.get("escalation_chain") or ("directorate_staff", "directorate_head", "pr_director"))

    @property
    def warning_working_days(self):
        return sorted(self.seed.get("warning_working_days") or (2, 0), reverse=True)

    def require_directorate(self, cur, code):
        if code not in {row["code"] for row in storage.directorates(cur)}:
            raise UnknownDirectorate()


def load_seed(store, seed):
    """Directorates and the seeded routing rules, created if missing (idempotent)."""
    with store.transaction() as tx:
        for code, name in seed["directorates"].items():
            storage.upsert_directorate(tx.cursor, code, name)
        for rule in seed.get("routing_rules", ()):
            storage.seed_rule(tx.cursor, {"category": rule.get("category"), "neighbourhood": rule.get("neighbourhood"),
                                          "channel": rule.get("channel"), "keywords": list(rule.get("keywords", ())),
                                          "directorate": rule["directorate"], "priority": rule.get("priority", 100)})
