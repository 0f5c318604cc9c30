"""The periodic destruction run (periyodik imha, KVKK; DOMAIN.md §3).

When an application's retention period has ended, its applicant's personal data is anonymised in place:
names become "Anonimleştirildi", the TC Kimlik No, e-mail, phone and address are erased, the texts and
attachments destroyed, and the fingerprints that linked it to its applicant cleared. What the statistics
and the law's reports need stays (tracking number, type, channel, category, neighbourhood, dates, status
and its defects). Other services are told with `applicants_anonymised` and destroy their copies.

The periods are data (`seed/retention.yml`, config `RETENTION_FILE`): one rule per group of types, and a
`default` for the rest. A period counts from the Istanbul day the application was received.

A run takes batches of at most `MAX_ANONYMISED_PER_EVENT` applications, each in one transaction with its
event (outbox) and its count in the run's log row (`destruction_runs`), so a run cut short leaves a true
log and the next run carries on. One run at a time over every intake instance (a PostgreSQL advisory lock).
"""
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from contracts import inbound
from contracts import intake as events

from . import storage_retention as storage
from .exceptions import DestructionInProgress, NotAllowed

log = logging.getLogger(__name__)

ISTANBUL = ZoneInfo("Europe/Istanbul")
DEFAULT_RULES_FILE = Path(__file__).resolve().parent.parent / "seed" / "retention.yml"
DEFAULT_RULE = "default"
ANONYMISED = "Anonimleştirildi"
METHOD = "anonimleştirme"
SCHEDULE = "schedule"
ADMIN = "admin"
KNOWN_TYPES = frozenset(t for types in inbound.TYPES_BY_CHANNEL.values() for t in types)
RULE_KEYS = {"label", "types", "keep_years", "source", "verify"}


class InvalidRetentionRules(Exception):
    """The retention file cannot be used; the message names the file and what is wrong (stops the start)."""


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    keep_years: int
    source: str
    verify: bool
    types: tuple = ()  # empty for `default`: every type no other rule names


# -- the rules file -----------------------------------------------------------------------------------------

def load_rules(path=None):
    """The rules of `path` (else the shipped file), validated; `InvalidRetentionRules` otherwise."""
    path = Path(path or DEFAULT_RULES_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except OSError as exc:
        raise InvalidRetentionRules(f"saklama süreleri dosyası okunamadı ({path}): {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise InvalidRetentionRules(f"saklama süreleri dosyası YAML değil ({path}): {exc}") from None
    return parse_rules(data, str(path))


def parse_rules(data, where="retention rules"):
    problems = []
    raw = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not raw:
        raise InvalidRetentionRules(f"{where}: 'rules' altında en az bir kural olmalı")
    rules, claimed = [], {}
    for name, body in raw.items():
        here = f"rules.{name}"
        if not isinstance(body, dict):
            problems.append(f"{here}: bir eşleme (label, keep_years, source, verify, types) olmalı")
            continue
        unknown = set(body) - RULE_KEYS
        if unknown:
            problems.append(f"{here}: bilinmeyen alan(lar): {', '.join(sorted(map(str, unknown)))}")
        keep = body.get("keep_years")
        if isinstance(keep, bool) or not isinstance(keep, int) or not 1 <= keep <= 100:
            problems.append(f"{here}.keep_years: 1 ile 100 arasında tam sayı (yıl) olmalı, {keep!r} verilmiş")
        for key in ("label", "source"):
            if not isinstance(body.get(key), str) or not body[key].strip():
                problems.append(f"{here}.{key}: boş olmayan bir metin olmalı")
        if not isinstance(body.get("verify"), bool):
            problems.append(f"{here}.verify: true ya da false olmalı")
        types = body.get("types")
        if name == DEFAULT_RULE:
            if types:
                problems.append(f"{here}.types: 'default' kuralı tür listelemez (diğer bütün türler içindir)")
            types = []
        elif not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
            problems.append(f"{here}.types: en az bir başvuru türü listesi olmalı")
            types = []
        for app_type in types:
            if app_type not in KNOWN_TYPES:
                problems.append(f"{here}.types: bilinmeyen başvuru türü '{app_type}' "
                                f"(bilinenler: {', '.join(sorted(KNOWN_TYPES))})")
            elif app_type in claimed:
                problems.append(f"{here}.types: '{app_type}' türü '{claimed[app_type]}' kuralında da var")
            else:
                claimed[app_type] = name
        if not problems:
            rules.append(Rule(str(name), body["label"].strip(), keep, body["source"].strip(), body["verify"],
                              tuple(types)))
    if DEFAULT_RULE not in raw:
        problems.append(f"rules.{DEFAULT_RULE}: diğer türler için bir 'default' kuralı olmalı")
    if problems:
        raise InvalidRetentionRules(f"{where}: saklama süreleri geçersiz: " + "; ".join(problems))
    return rules


def load_rules_on_start(settings):
    """The rules named by the setting `RETENTION_FILE`, else the shipped ones; logs the periods in force."""
    rules = load_rules(settings.retention_file)
    log.info("retention periods: %s", ", ".join(f"{rule.name} {rule.keep_years} yıl" for rule in rules))
    unconfirmed = [rule.name for rule in rules if rule.verify]
    if unconfirmed:
        log.warning("retention periods to be confirmed against the municipality's destruction policy: %s",
                    ", ".join(unconfirmed))
    return rules


# -- cutoffs ------------------------------------------------------------------------------------------------

def years_before(day, years):
    """The same date `years` earlier; a 29 February that does not exist then becomes 1 March, so that
    an application received on 28 February is past a one-year period on 29 February of the next year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a common year
        return date(day.year - years, 3, 1)


def cutoff_day(today, keep_years):
    """Applications received (Istanbul day) before this day are past their period on `today`: a period
    ends on the same date `keep_years` later (29 February → 28 February), destruction starts the day after."""
    return years_before(today, keep_years)


def cutoff(rule, now):
    """The cutoff of `rule` at `now` as an aware moment: the start of its Istanbul day."""
    today = now.astimezone(ISTANBUL).date()
    return datetime.combine(cutoff_day(today, rule.keep_years), time(0), tzinfo=ISTANBUL)


def _selection(rule, rules):
    if rule.types:
        return {"types": rule.types}
    return {"except_types": sorted({t for other in rules for t in other.types})}


# -- the run ------------------------------------------------------------------------------------------------

@contextmanager
def _run_lock(store):
    """Yields whether this run holds the advisory lock of the run. The lock lives on a pool connection of
    its own, held for the whole run (so the pool needs at least two connections); it is released at the
    end, or by PostgreSQL if that connection dies."""
    with store.pool.connection() as conn:
        with conn.cursor() as cur:
            locked = storage.try_lock(cur)
        conn.commit()
        try:
            yield locked
        finally:
            if locked and not conn.closed:
                try:
                    with conn.cursor() as cur:
                        storage.unlock(cur)
                    conn.commit()
                except Exception as error:  # the connection is gone, and the lock with it
                    log.warning("destruction run: lock release failed: %s", type(error).__name__)


def require_admin(actor):
    """The actor's id when they are an admin; `NotAllowed` otherwise."""
    if not isinstance(actor, dict) or actor.get("role") != ADMIN:
        raise NotAllowed("Periyodik imhayı elle yalnızca sistem yöneticisi başlatabilir.")
    return str(actor.get("id") or ADMIN)


def run(store, rules, actor, now=None, batch_size=events.MAX_ANONYMISED_PER_EVENT):
    """A destruction run started by hand (admins only); returns its log row. `DestructionInProgress`
    when another run is going on."""
    trigger = require_admin(actor)
    with _run_lock(store) as locked:
        if not locked:
            raise DestructionInProgress("Şu anda başka bir periyodik imha çalışması sürüyor; bitince tekrar "
                                        "deneyin.")
        return _run_locked(store, rules, trigger, now or datetime.now(timezone.utc), batch_size)


def run_if_due(store, rules, interval_days, now=None):
    """The scheduled run: only when the last run started more than `interval_days` ago (or there was
    none) and no other instance is running one. Returns the run's log row, or None."""
    now = now or datetime.now(timezone.utc)
    with _run_lock(store) as locked:
        if not locked:
            return None
        with store.transaction() as tx:
            last = storage.last_run_started(tx.cursor)
        if last is not None and now - last < timedelta(days=interval_days):
            return None
        return _run_locked(store, rules, SCHEDULE, now, events.MAX_ANONYMISED_PER_EVENT)


def _run_locked(store, rules, trigger, now, batch_size):
    run_id = uuid.uuid4()
    cutoffs = {rule.name: cutoff(rule, now) for rule in rules}
    with store.transaction() as tx:
        storage.start_run(tx.cursor, run_id, now, str(trigger), [
            {"rule": rule.name, "keep_years": rule.keep_years, "cutoff": cutoffs[rule.name].date().isoformat(),
             "source": rule.source} for rule in rules], METHOD)
    for rule in rules:
        selection = _selection(rule, rules)
        while _anonymise_batch(store, run_id, rule, cutoffs[rule.name], selection, batch_size, now):
            pass
    with store.transaction() as tx:
        storage.finish_run(tx.cursor, run_id, datetime.now(timezone.utc))
        row = storage.get_run(tx.cursor, run_id)
    log.info("destruction run %s (%s): %s applications anonymised %s", run_id, trigger, row["total"],
             dict(row["counts"]))
    return describe(row)


def _anonymise_batch(store, run_id, rule, rule_cutoff, selection, batch_size, now):
    """One transaction: up to `batch_size` applications anonymised, counted, announced. Returns how many."""
    with store.transaction() as tx:
        ids = storage.due_for_anonymising(tx.cursor, rule_cutoff, batch_size, **selection)
        if not ids:
            return 0
        storage.anonymise(tx.cursor, ids, ANONYMISED, now)
        storage.add_to_run(tx.cursor, run_id, rule.name, len(ids))
        tx.emit(events.APPLICANTS_ANONYMISED, {"run_id": run_id, "rule": rule.name, "application_ids": ids})
    return len(ids)


def list_runs(store, limit=50):
    limit = max(1, min(int(limit or 50), 500))
    with store.transaction() as tx:
        return [describe(row) for row in storage.list_runs(tx.cursor, limit)]


def describe(row):
    """A log row as callers get it: counts only, no personal data."""
    return {"id": str(row["id"]), "started_at": row["started_at"].isoformat(),
            "finished_at": row["finished_at"].isoformat() if row["finished_at"] else None,
            "trigger": row["trigger"], "method": row["method"], "rules": row["rules"],
            "counts": dict(row["counts"]), "total": row["total"]}
