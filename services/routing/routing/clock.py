"""The legal clock of DOMAIN.md §2: the due date of an application, and why it is that date.

Day zero is the day the application reached the municipality; the period starts the next day. A
period in working days counts working days (half days count, weekends and public holidays do not).
A period in calendar days adds the days; if the last one is not a working day, it moves to the next,
unless its rule says `roll_to_working_day: false` (KVKK: the law counts calendar days and moves nothing).
Every day skipped, and every half day or idari izin day counted, is written into the explanation.

The rules are data (`seed/deadline_rules.yml`), each with its source article.
"""
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

import yaml

from contracts import errors
from contracts.inbound import KVKK_REQUEST, PETITION_TYPES
from servicekit.turkish import fold

from .calendar import HALF_DAY, IDARI_IZIN, format_day

WORKING_DAYS = "working_days"
CALENDAR_DAYS = "calendar_days"
UNITS = {WORKING_DAYS: "iş günü", CALENDAR_DAYS: "takvim günü"}

INFORMATION_REQUEST = "bilgi_edinme"
PETITION_CHANNELS = ("dilekce", "cimer", "e_belediye")

# Step kinds, for a screen that wants to colour them
RULE, START, COUNTED, SKIPPED, ROLLED, EXTENDED, PAUSED, RESUMED, EFFECT, DUE = (
    "rule", "start", "counted", "skipped", "rolled", "extended", "paused", "resumed", "effect", "due")

ONE_DAY = timedelta(days=1)


UnknownType = errors.InvalidInput  # no deadline rule covers this application type (or channel); args[0] says so
ExtensionRefused = errors.ExtensionRefused  # a 4982 extension the law does not allow; the message says why


@dataclass(frozen=True)
class DeadlineRule:
    rule_id: str
    kind: str
    days: int
    source: str
    label: str
    rolls: bool = True  # calendar days: a last day that is not a working day moves to the next one


@dataclass(frozen=True)
class Step:
    on: date | None
    kind: str
    text: str


@dataclass(frozen=True)
class Due:
    due_on: date | None
    rule: DeadlineRule
    explanation: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def as_dict(self):
        """JSON-ready: dates as YYYY-MM-DD."""
        rule = asdict(self.rule)
        # shown only where the rule departs from the usual (a last day that is not a working day stays)
        if not rule.pop("rolls"):
            rule["roll_to_working_day"] = False
        return {
            "due_on": _iso(self.due_on),
            "rule": rule,
            "explanation": [{"on": _iso(s.on), "kind": s.kind, "text": s.text} for s in self.explanation],
            "warnings": list(self.warnings),
        }


class Rules(dict):
    """Deadline rules by id (halk masası categories as `halk_masasi:<category>`), with their settings."""

    def __init__(self, rules, internal_margin_working_days, fee_notice_restarts):
        super().__init__(rules)
        self.internal_margin_working_days = internal_margin_working_days
        self.fee_notice_restarts = fee_notice_restarts


# -- rules -----------------------------------------------------------------------------------------
def load_rules(path):
    """The rules file (`seed/deadline_rules.yml`) as `Rules`; a malformed rule raises ValueError."""
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    rules = {}
    for rule_id, spec in data["rules"].items():
        rule = _rule(rule_id, spec)
        rules[rule_id] = rule
        for category, sub in (spec.get("categories") or {}).items():
            sub = sub if isinstance(sub, dict) else {"days": sub}
            sub_id = f"{rule_id}:{fold(category)}"
            rules[sub_id] = _rule(sub_id, {"kind": rule.kind, "source": rule.source,
                                           "roll_to_working_day": rule.rolls,
                                           "label": f"{rule.label}: {category}", **sub})
    return Rules(rules, int(data["internal_margin_working_days"]), bool(data["fee_notice_restarts"]))


def _rule(rule_id, spec):
    if spec.get("kind") not in UNITS:
        raise ValueError(f"{rule_id}: kind must be one of {tuple(UNITS)}, not {spec.get('kind')!r}")
    if type(spec.get("days")) is not int or spec["days"] < 1:
        raise ValueError(f"{rule_id}: days must be a positive whole number, not {spec.get('days')!r}")
    rolls = spec.get("roll_to_working_day", True)
    if type(rolls) is not bool:
        raise ValueError(f"{rule_id}: roll_to_working_day must be true or false, not {rolls!r}")
    return DeadlineRule(rule_id, spec["kind"], spec["days"], str(spec["source"]), str(spec["label"]), rolls)


def rule_for(application_type, channel, category, rules):
    """The rule that sets an application's due date.

    An information request follows 4982 whatever its channel (CİMER's included); the muhtar desk and
    the public service desk have their own clocks (the latter per category where the table sets one);
    the petition types through dilekçe, CİMER or e-belediye follow 3071; a KVKK data subject's request
    follows KVKK m. 13 whatever its channel.
    """
    if application_type == INFORMATION_REQUEST:
        return rules["bilgi_edinme"]
    if application_type == KVKK_REQUEST and KVKK_REQUEST in rules:
        return rules[KVKK_REQUEST]
    if channel == "muhtar":
        return rules["muhtar"]
    if channel == "halk_masasi":
        return rules.get(f"halk_masasi:{fold(category or '')}") or rules["halk_masasi"]
    if channel == "basin" and "basin" in rules:
        return rules["basin"]
    if channel in PETITION_CHANNELS and application_type in PETITION_TYPES:
        return rules["dilekce"]
    raise UnknownType(f"Bu başvuru için süre kuralı yok: tür {application_type!r}, kanal {channel!r}.")


# -- due dates -------------------------------------------------------------------------------------
def compute_due(rule, received_on, calendar):
    """The due date of an application that reached the municipality on `received_on`, explained."""
    steps = _opening(rule, received_on)
    due_on = _run(rule, received_on, rule.days, calendar, steps)
    return _finish(rule, due_on, steps, calendar)


def internal_due(legal_due, margin_working_days, calendar):
    """The directorate's own date, `margin_working_days` working days before the legal one (None if none);
    a legal date that is not a working day (a rule that does not roll) counts from the working day before."""
    if legal_due is None:
        return None
    day, left = legal_due, margin_working_days
    while not calendar.is_working_day(day):
        day -= ONE_DAY
    while left > 0:
        day -= ONE_DAY
        if calendar.is_working_day(day):
            left -= 1
    return day


def extend(received_on, requested_on, reason, rules, calendar):
    """The 4982 extension to 30 working days, counted from the original day zero.

    Allowed only with a written reason and notified on or before the 15th working day's due date;
    otherwise raises ExtensionRefused naming the last day it was allowed.
    """
    original = compute_due(rules["bilgi_edinme"], received_on, calendar).due_on
    last = format_day(original)
    if not isinstance(reason, str) or not reason.strip():
        raise ExtensionRefused(f"Süre uzatılamaz: uzatmanın gerekçesi yazılmamış. Gerekçe, başvuru sahibine "
                               f"yazıyla bildirilmelidir (en geç {last}).", original)
    if requested_on > original:
        raise ExtensionRefused(f"Süre uzatılamaz: 15 iş günlük süre {last} günü doldu; uzatma en geç o gün "
                               f"bildirilmeliydi.", original)
    if requested_on < received_on:
        raise ExtensionRefused(f"Süre uzatılamaz: uzatma tarihi ({format_day(requested_on)}) başvurunun "
                               f"ulaştığı günden ({format_day(received_on)}) önce olamaz.", original)
    extended = compute_due(rules["bilgi_edinme_uzatilmis"], received_on, calendar)
    note = Step(requested_on, EXTENDED, f"{format_day(requested_on)}: süre uzatıldı (ilk son gün {last} idi; "
                                        f"uzatma en geç o gün bildirilebilirdi). Gerekçe: {reason.strip()}")
    # the note goes among the days, where it happened
    at = max(i for i, step in enumerate(extended.explanation) if step.on and step.on <= requested_on) + 1
    explanation = extended.explanation[:at] + [note] + extended.explanation[at:]
    return Due(extended.due_on, extended.rule, explanation, extended.warnings)


def with_pause(rule, received_on, paused_on, resumed_on, restarts, calendar):
    """The due date when a fee notice (4982) stopped the clock on `paused_on`.

    The notice day itself is not counted. Without `resumed_on` (fee not paid yet) there is no due date.
    On payment, `resumed_on` is a new day zero: the full period runs again if `restarts`, else the
    days left at the notice continue. A notice after the period ran out changes nothing.
    """
    if paused_on < received_on or (resumed_on is not None and resumed_on < paused_on):
        raise ValueError("expected received_on <= paused_on <= resumed_on")
    unpaused = compute_due(rule, received_on, calendar)
    if paused_on > unpaused.due_on:
        late = (f"Ücret bildirimi {format_day(paused_on)} günü, süre {format_day(unpaused.due_on)} günü "
                f"dolduktan sonra yapıldı: süreyi durdurmaz.")
        return Due(unpaused.due_on, rule, unpaused.explanation + [Step(paused_on, PAUSED, late)],
                   unpaused.warnings + [late])

    steps = _opening(rule, received_on)
    used = _elapsed(rule, received_on, paused_on, calendar, steps)
    left, unit = rule.days - used, UNITS[rule.kind]
    steps.append(Step(paused_on, PAUSED, f"{format_day(paused_on)}: ücret bildirildi, süre durdu "
                                         f"({used} {unit} geçmişti, {left} {unit} kalmıştı)."))
    if resumed_on is None:
        steps.append(Step(None, PAUSED, "Ücret ödenene kadar son gün yoktur. Başvuru sahibi süresi içinde "
                                        "ödemezse başvurusundan vazgeçmiş sayılır."))
        return Due(None, rule, steps, [])

    again = rule.days if restarts else left
    how = f"süre baştan başlar ({again} {unit})" if restarts else f"kalan {again} {unit} devam eder"
    steps.append(Step(resumed_on, RESUMED, f"{format_day(resumed_on)}: ücret ödendi; ertesi gün {how}."))
    due_on = _run(rule, resumed_on, again, calendar, steps, already=0 if restarts else used)
    steps.append(Step(None, EFFECT, f"Ücret bildirimi olmasaydı son gün {format_day(unpaused.due_on)} olurdu; "
                                    f"süre durduğu için {format_day(due_on)} oldu."))
    return _finish(rule, due_on, steps, calendar)


NO_EXTENSION = ("Süre uzatımı yalnız bilgi edinme başvurularında vardır (4982 s. Kanun m. 11); son gün "
                "uzatmasız hesaplandı.")


def preview(application_type, received_on, extended, rules, calendar):
    """`GET /api/v1/deadlines/preview`: the due date of an application of `application_type` received on
    `received_on` (4982 extended to 30 working days if `extended`), with the internal date. A type that has no
    extension is previewed without one, and the answer's warnings say so: the question has an answer."""
    if application_type == INFORMATION_REQUEST:
        rule = rules["bilgi_edinme_uzatilmis" if extended else "bilgi_edinme"]
    elif application_type == "dilekce" or application_type in PETITION_TYPES:
        rule = rules["dilekce"]
    elif application_type == KVKK_REQUEST and KVKK_REQUEST in rules:
        rule = rules[KVKK_REQUEST]
    else:
        raise UnknownType(f"Bilinmeyen başvuru türü: {application_type!r}.")
    due = compute_due(rule, received_on, calendar)
    internal = internal_due(due.due_on, rules.internal_margin_working_days, calendar)
    answer = {**due.as_dict(), "internal_due_on": _iso(internal)}
    if extended and application_type != INFORMATION_REQUEST:
        answer["warnings"].insert(0, NO_EXTENSION)
    return answer


# -- counting --------------------------------------------------------------------------------------
def _run(rule, day_zero, days, calendar, steps, already=0):
    """The last day of `days` units of `rule` after `day_zero`, recording each day in `steps`."""
    if rule.kind == WORKING_DAYS:
        return _count_working_days(day_zero, days, calendar, steps, already)
    last = day_zero + timedelta(days=days)
    steps.append(Step(last, COUNTED, f"{format_day(day_zero)} + {days} gün = {format_day(last)}"))
    if not rule.rolls:
        if not calendar.is_working_day(last):
            steps.append(Step(last, COUNTED, f"Son gün {format_day(last)}: {calendar.reason(last)}; bu kuralda "
                                             f"son gün bir sonraki iş gününe kaydırılmaz ({rule.source})"))
        return last
    return _roll_forward(last, calendar, steps)


def _count_working_days(day_zero, days, calendar, steps, already):
    day, counted = day_zero, 0
    while counted < days:
        day += ONE_DAY
        if _record(day, already + counted + 1, calendar, steps):
            counted += 1
    return day


def _elapsed(rule, received_on, paused_on, calendar, steps):
    """Units of `rule` used between day zero and the fee notice (both excluded)."""
    if rule.kind == CALENDAR_DAYS:
        # a notice on a last day that was rolled past a holiday still leaves that day to answer in
        used = min(max((paused_on - received_on).days - 1, 0), rule.days - 1)
        steps.append(Step(paused_on, COUNTED, f"Ücret bildirimine kadar {used} gün geçti."))
        return used
    used, day = 0, received_on + ONE_DAY
    while day < paused_on:
        if _record(day, used + 1, calendar, steps):
            used += 1
        day += ONE_DAY
    return used


def _record(day, number, calendar, steps):
    """Writes `day` into the explanation as the `number`th working day or as skipped; True if counted."""
    if not calendar.is_working_day(day):
        steps.append(Step(day, SKIPPED, f"{format_day(day)} atlandı: {calendar.reason(day)}"))
        return False
    if calendar.day_kind(day) in (HALF_DAY, IDARI_IZIN):
        text = f"{format_day(day)} iş günü sayıldı ({number}. iş günü): {calendar.reason(day)}"
    else:
        text = f"{format_day(day)}: {number}. iş günü"
    steps.append(Step(day, COUNTED, text))
    return True


def _roll_forward(last, calendar, steps):
    """The first working day on or after `last`, recording each day it passes over."""
    if calendar.is_working_day(last):
        return last
    steps.append(Step(last, ROLLED, f"Son gün {format_day(last)}: {calendar.reason(last)}; "
                                    f"bir sonraki iş gününe kaydırıldı"))
    day = last + ONE_DAY
    while not calendar.is_working_day(day):
        steps.append(Step(day, SKIPPED, f"{format_day(day)} atlandı: {calendar.reason(day)}"))
        day += ONE_DAY
    return day


def _opening(rule, received_on):
    return [Step(None, RULE, f"Kural: {rule.days} {UNITS[rule.kind]} — {rule.source} — {rule.label}"),
            Step(received_on, START, f"Başlangıç: {format_day(received_on)} (başvurunun ulaştığı gün; "
                                     f"süre ertesi gün başlar)")]


def _finish(rule, due_on, steps, calendar):
    """Closes the explanation with the due date, warning when offices are closed on it."""
    steps.append(Step(due_on, DUE, f"Son gün: {format_day(due_on)}"))
    warnings, kind = [], calendar.day_kind(due_on)
    if due_on is not None and not calendar.is_working_day(due_on):
        warnings.append(f"Son gün {format_day(due_on)} iş günü değil ({calendar.reason(due_on)}) ve kaydırılmaz: "
                        f"cevabı ondan önceki son iş gününde verin.")
    if kind == HALF_DAY:
        warnings.append(f"Son gün {format_day(due_on)} yarım gün ({calendar.holiday_name(due_on)}): "
                        f"daireler 13.00'te kapanır; cevabı öğleden önce verin.")
    if kind == IDARI_IZIN:
        warnings.append(f"Son gün {format_day(due_on)} idari izin günü: daireler kapalıdır ama süre işler; "
                        f"cevabı izinden önce verin.")
    return Due(due_on, rule, steps, warnings)


def _iso(day):
    return day.isoformat() if day is not None else None
