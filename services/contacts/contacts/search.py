"""Finding people and organisations: Turkish-folded, forgiving of typos and partial words, ranked.

The query is folded with `search_text.query_terms` (so "ISIK", "ışık" and "isik" are one word) and every
term must match the folded search text, either inside a word (LIKE on the folded text, which is ILIKE
there) or as a similar word (pg_trgm's word similarity, `<%`): "mehmt" finds "Mehmet". Results are
ranked (storage._TERM_SCORE). A query that is a phone number or an e-mail address is looked up exactly,
by its normalised value.

A term that occurs literally somewhere is matched literally, the others by similarity; only when that
finds nothing is every term allowed either way. Why: PostgreSQL plans "LIKE OR <%" as a sequential scan
that computes word similarity for every row (about 0.6 s on 100,000 records), while each alone is a
trigram index scan of a few milliseconds.
"""
from marshmallow import ValidationError
from servicekit.turkish import fold

from contracts.contacts_records import ContactSearchQuery

from . import access, emails, phones, records, search_text, segments, storage
from .exceptions import InvalidInput
from .schemas import declared, flatten, given, identifier

MAX_LIMIT = 200
# singular filter names staff may use, as the list the segment filter has
_ALIASES = {"category": "categories", "tag": "tags", "neighbourhood": "neighbourhoods", "office": "offices"}


def criteria_of(filters):
    """Search filters as a segment filter: validated, names folded the way the database keeps them."""
    filters = dict(filters or {})
    for single, plural in _ALIASES.items():
        if filters.get(single):
            filters[plural] = list(filters.get(plural) or ()) + [filters.pop(single)]
        filters.pop(single, None)
    if "organisation" in filters:
        filters["organisation_id"] = filters.pop("organisation")
    filters.setdefault("include_opted_out", True)  # staff see everyone; bulk lists never do
    try:
        loaded = segments.load(filters)
    except ValidationError as exc:
        raise InvalidInput(flatten(exc.messages)) from None
    if loaded.get("organisation_id"):
        loaded["organisation_id"] = str(identifier(loaded["organisation_id"], "kurum"))
    return {**loaded, "tags": [fold(t) for t in loaded["tags"]],
            "neighbourhoods": [fold(n) for n in loaded["neighbourhoods"]]}


def _exact_point(query):
    """("phone", "+90…") or ("email", "…") when the whole query is one, else None."""
    text = (query or "").strip()
    if "@" in text and " " not in text:
        return "email", emails.normalise(text)
    if sum(ch.isdigit() for ch in text) >= 7 and not any(ch.isalpha() for ch in text):
        try:
            return "phone", phones.normalise(text)
        except phones.InvalidPhone:
            return None
    return None


def _summary(row, record):
    roles = [r for r in record["roles"] if r["ended_on"] is None or r["ended_on"] >= records.today()]
    return {
        "id": str(row["id"]), "kind": row["kind"], "name": row["name"], "category": row["category"],
        "neighbourhood": row["neighbourhood"], "tags": list(row["tags"]),
        "roles": [{"office": r["office"], "title": r["title"], "organisation_name": r["organisation_name"]}
                  for r in roles],
        "phones": record["phones"], "emails": record["emails"],
        "opted_out": row["opted_out_on"] is not None, "score": round(float(row["score"]), 3),
    }


def search(store, query, filters, actor, limit=50, offset=0):
    """`{"total", "contacts"}`: the page of matches, best first (filters as in `criteria_of`)."""
    access.may_read(actor)
    declared(ContactSearchQuery, {**(filters or {}), **given(q=query, limit=limit, offset=offset)})
    limit, offset = max(1, min(int(limit or 50), MAX_LIMIT)), max(0, int(offset or 0))
    criteria = criteria_of(filters)
    exact = _exact_point(query)
    terms = []
    if exact:
        criteria.update(point_kind=exact[0], point=exact[1])
    else:
        terms = search_text.query_terms(query or "")
    with store.transaction() as tx:
        day = records.today()
        planned = [(term, "literal" if storage.occurs(tx.cursor, term) else "similar") for term in terms]
        rows = storage.search(tx.cursor, planned, criteria, day, limit, offset)
        if not rows and any(how == "literal" for _, how in planned) and (
                offset == 0 or not storage.search(tx.cursor, planned, criteria, day, 1, 0)):
            rows = storage.search(tx.cursor, [(term, "either") for term in terms], criteria, day, limit, offset)
        full = records.read(tx.cursor, [row["id"] for row in rows])
    return {"total": rows[0]["total"] if rows else 0,
            "contacts": [records.public(_summary(row, full[str(row["id"])])) for row in rows]}
