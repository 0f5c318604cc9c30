"""The routing table staff edit: directorates, routing rules, idari izin days."""
from contracts import errors

from . import storage
from .access import DESK, NotAllowed
from .cases import InvalidAnswer


RuleNotFound = errors.NotFound  # no active routing rule has this number (404)


def table(store):
    with store.transaction() as tx:
        return {"directorates": [dict(row) for row in storage.directorates(tx.cursor)],
                "rules": [dict(row, created_at=None) for row in storage.active_rules(tx.cursor)],
                "idari_izin_days": [{"day": row["day"].isoformat(), "note": row["note"]}
                                    for row in storage.idari_izin_days(tx.cursor)]}


def _desk_only(actor):
    if actor.get("role") not in DESK:
        raise NotAllowed()


def add_rule(store, rule, actor):
    _desk_only(actor)
    if not any(rule.get(key) for key in ("category", "neighbourhood", "channel", "keywords")):
        raise InvalidAnswer({"rule": ["Kural en az bir koşul içermeli: kategori, mahalle, kanal ya da anahtar kelime."]})
    with store.transaction() as tx:
        if rule["directorate"] not in {row["code"] for row in storage.directorates(tx.cursor)}:
            raise InvalidAnswer({"directorate": ["Böyle bir müdürlük yok."]})
        rule_id = storage.insert_rule(tx.cursor, {
            "directorate": rule["directorate"], "category": rule.get("category"),
            "neighbourhood": rule.get("neighbourhood"), "channel": rule.get("channel"),
            "keywords": list(rule.get("keywords") or ()), "priority": rule.get("priority", 100)}, actor["id"])
    return {"id": rule_id}


def remove_rule(store, rule_id, actor):
    _desk_only(actor)
    with store.transaction() as tx:
        if storage.deactivate_rule(tx.cursor, rule_id) is None:
            raise RuleNotFound()
    return {"id": rule_id, "active": False}


def add_idari_izin_day(store, day, note, actor):
    _desk_only(actor)
    with store.transaction() as tx:
        storage.add_idari_izin_day(tx.cursor, day, note, actor["id"])
    return {"day": day.isoformat(), "note": note}
