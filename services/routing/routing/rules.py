"""Which directorate answers an application: routing rules are data (DESIGN: editable by staff).

A rule names any of category, neighbourhood, channel and keywords, and a directorate. The most
specific matching rule wins (more conditions first, then the lower priority number); an
application no rule covers goes to the public relations desk's triage queue (None).
"""
from dataclasses import dataclass

from servicekit.turkish import fold


@dataclass(frozen=True)
class RoutingRule:
    rule_id: int
    directorate: str
    category: str = None
    neighbourhood: str = None
    channel: str = None
    keywords: tuple = ()
    priority: int = 100

    def matches(self, application):
        if self.category and fold(self.category) != fold(application.get("category") or ""):
            return False
        if self.neighbourhood and fold(self.neighbourhood) != fold(application.get("neighbourhood") or ""):
            return False
        if self.channel and self.channel != application.get("channel"):
            return False
        if self.keywords:
            text = fold(f"{application.get('subject') or ''} {application.get('body') or ''}")
            if not any(fold(keyword) in text for keyword in self.keywords):
                return False
        return True

    @property
    def specificity(self):
        return sum(bool(c) for c in (self.category, self.neighbourhood, self.channel, self.keywords))


def route(application, rules):
    """The rule that sends `application` to a directorate, or None for triage."""
    matching = [rule for rule in rules if rule.matches(application)]
    if not matching:
        return None
    return min(matching, key=lambda rule: (-rule.specificity, rule.priority, rule.rule_id))
