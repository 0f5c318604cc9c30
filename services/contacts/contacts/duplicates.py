"""Finding and merging duplicate records in the information bank.

A record is a plain dict; every module of this package reads and writes this shape:

    {
        "id": "…" or None,                     # the storage layer's id; None before it is stored
        "kind": "person" | "organisation",
        "full_name": "İsmail Işık",            # persons
        "name": "Gaziemir Esnaf Odası",        # organisations
        "category": "muhtar",                  # a code of categories.CATEGORIES
        "phones": ["+905321112233"],           # E.164 (phones.normalise)
        "emails": ["ismail@example.org"],
        "addresses": ["Atatürk Cd. No:1, Gaziemir"],
        "neighbourhood": "Sarnıç" or None,
        "tags": ["gazi"],
        "notes": "" ,
        "roles": [{                            # offices held over time; history is never dropped
            "organisation_id": "…" or None,
            "organisation_name": "…" or None,  # what an import carried, until storage resolves the id
            "office": "muhtar",                # a precedence office code, else the title as written
            "title": "Sarnıç Mahallesi Muhtarı" or None,
            "started_on": date or None,        # inclusive
            "ended_on": date or None,          # inclusive; None = still held
        }],
        "consent": {"basis": "acik_riza" or None,  # a code of categories.LAWFUL_BASES
                    "given_on": date or None, "opted_out_on": date or None},
        "last_verified_on": date or None,
        "external_ref": "…" or None,           # "Kayıt No" of an import, UID of a vCard
    }

Missing keys read as empty. Duplicates are only proposed here (`candidates`); staff decide, and `merge`
keeps everything both records knew.
"""
import copy
from collections import defaultdict
from itertools import combinations

from contracts.contacts import DUPLICATE_REASONS
from rapidfuzz import fuzz, process
from servicekit.turkish import fold

from . import phones

SIMILAR_NAME_SCORE = 90
# A phone or e-mail shared by more records than this is a switchboard or a shared office mailbox
# (every müdürlük behind the same central number), not evidence that two records are one.
SHARED_CONTACT_LIMIT = 20

REASONS = DUPLICATE_REASONS


def display_name(record):
    """The person's full name or the organisation's name ("" when neither is set)."""
    return (record.get("full_name") or record.get("name") or "").strip()


def role_active(role, on_date):
    """True when `role` was held on `on_date` (both ends inclusive, open ends unbounded)."""
    started, ended = role.get("started_on"), role.get("ended_on")
    return (started is None or started <= on_date) and (ended is None or on_date <= ended)


def name_key(record):
    """The folded name with its words sorted: "Işık İsmail" and "ismail ISIK" give "isik ismail"."""
    return " ".join(sorted(fold(display_name(record)).split()))


def _phone_key(value):
    try:
        return phones.normalise(value)
    except phones.InvalidPhone:
        return "".join(ch for ch in str(value) if ch.isdigit() or ch == "+")


def _email_key(value):
    return str(value).strip().lower()


def match_keys(record):
    """The blocking keys of a record: {"name:…", "phone:+90…", "email:…"}; equal keys flag a candidate."""
    keys = set()
    if name_key(record):
        keys.add("name:" + name_key(record))
    keys.update("phone:" + _phone_key(p) for p in record.get("phones") or () if str(p).strip())
    keys.update("email:" + _email_key(e) for e in record.get("emails") or () if str(e).strip())
    return keys


def _similarity_blocks(record):
    """Records compared by name similarity: same first letter, or a shared organisation."""
    key = name_key(record)
    blocks = {"letter:" + key[0]} if key else set()
    for role in record.get("roles") or ():
        org = role.get("organisation_id") or fold(role.get("organisation_name") or "")
        if org:
            blocks.add(f"org:{org}")
    return blocks


def candidates(records):
    """Pairs of records that may be the same person or organisation, for staff to review.

    Each item is {"ids": (id_a, id_b), "reasons": ["same_phone", …], "score": 0–100}, ids in input
    order, reasons from REASONS, score the token_sort_ratio of the folded names. Only records of the
    same kind are compared; every record needs a distinct "id". Sorted by score, highest first.
    """
    by_id = {r["id"]: r for r in records}
    order = {rid: i for i, rid in enumerate(by_id)}
    reasons = defaultdict(set)

    def pair(a, b):
        return (a, b) if order[a] < order[b] else (b, a)

    exact = defaultdict(list)
    for record in records:
        for key in match_keys(record):
            exact[(record.get("kind"), key)].append(record["id"])
    for (_, key), ids in exact.items():
        field = key.split(":", 1)[0]
        if field != "name" and len(ids) > SHARED_CONTACT_LIMIT:
            continue
        for a, b in combinations(ids, 2):
            reasons[pair(a, b)].add("same_" + field)

    blocks = defaultdict(list)
    for record in records:
        for block in _similarity_blocks(record):
            blocks[(record.get("kind"), block)].append(record["id"])
    for ids in blocks.values():
        if len(ids) < 2:
            continue
        names = [name_key(by_id[i]) for i in ids]
        for i, name in enumerate(names):
            later = names[i + 1:]
            for _, _, j in process.extract(name, later, scorer=fuzz.token_sort_ratio,
                                           score_cutoff=SIMILAR_NAME_SCORE, limit=None):
                if later[j] != name:
                    reasons[pair(ids[i], ids[i + 1 + j])].add("similar_name")

    result = []
    for (a, b), why in reasons.items():
        score = fuzz.token_sort_ratio(name_key(by_id[a]), name_key(by_id[b]))
        result.append({"ids": (a, b), "reasons": sorted(why, key=list(REASONS).index), "score": round(score)})
    result.sort(key=lambda c: (-c["score"], order[c["ids"][0]], order[c["ids"][1]]))
    return result


def _union(kept, added, key):
    """`kept` plus the items of `added` whose key is new; returns (merged list, the items that moved)."""
    seen = {key(v) for v in kept}
    moved = []
    for value in added:
        if key(value) not in seen:
            seen.add(key(value))
            moved.append(value)
    return list(kept) + moved, moved


def _role_key(role):
    return tuple(role.get(f) for f in ("organisation_id", "organisation_name", "office", "title",
                                       "started_on", "ended_on"))


role_key = _role_key  # what makes two roles the same role (storage compares with it when merging)


def _later(a, b):
    return max((d for d in (a, b) if d is not None), default=None)


def merge(keep, other):
    """Fold `other` into `keep`; returns (merged record, moved) and changes neither input.

    The merged record has keep's id, kind and name (other's where keep has none). Phones, e-mails,
    addresses and tags are united without repeats (by normalised value); notes are joined; every role
    of both records is kept, so the history of offices is never lost; an opt-out on either record
    survives; the later verification date wins. `moved` lists what came from `other` as
    {"field": …, "value": …} (for the staff screen and the audit log, never for service logs).
    """
    merged = copy.deepcopy(keep)
    other = copy.deepcopy(other)
    moved = []

    for field in ("full_name", "name", "category", "neighbourhood", "external_ref"):
        if not merged.get(field) and other.get(field):
            merged[field] = other[field]
            moved.append({"field": field, "value": other[field]})

    unions = (("phones", _phone_key), ("emails", _email_key), ("addresses", fold), ("tags", fold),
              ("roles", _role_key))
    for field, key in unions:
        merged[field], added = _union(merged.get(field) or [], other.get(field) or [], key)
        moved += [{"field": field, "value": value} for value in added]

    notes = [n.strip() for n in (merged.get("notes"), other.get("notes")) if n and n.strip()]
    merged["notes"] = "\n\n".join(dict.fromkeys(notes))
    if len(notes) == 2 and notes[0] != notes[1]:
        moved.append({"field": "notes", "value": notes[1]})

    consent, theirs = dict(merged.get("consent") or {}), other.get("consent") or {}
    if not consent.get("basis") and theirs.get("basis"):
        consent["basis"], consent["given_on"] = theirs["basis"], theirs.get("given_on")
        moved.append({"field": "consent.basis", "value": theirs["basis"]})
    opted_out = _later(consent.get("opted_out_on"), theirs.get("opted_out_on"))
    if opted_out != consent.get("opted_out_on"):
        moved.append({"field": "consent.opted_out_on", "value": opted_out})
    consent["opted_out_on"] = opted_out
    merged["consent"] = {"basis": consent.get("basis"), "given_on": consent.get("given_on"),
                         "opted_out_on": consent["opted_out_on"]}

    merged["last_verified_on"] = _later(merged.get("last_verified_on"), other.get("last_verified_on"))
    return merged, moved
