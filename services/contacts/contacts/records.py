"""Between the database and the record dict every pure module reads (duplicates.py has its shape).

`read(cur, ids)` assembles records from the contact rows, their contact points and their roles;
`write(cur, record, ...)` stores one, keeping the folded copies search and filters use in step; `public`
makes a record JSON-ready for an RPC answer (dates as ISO strings, ids as strings).
"""
import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from servicekit.turkish import fold

from . import categories, emails, phones, precedence, search_text, storage
from .duplicates import display_name, name_key

POINT_FIELDS = (("phone", "phones"), ("email", "emails"), ("address", "addresses"))
ISTANBUL = ZoneInfo("Europe/Istanbul")


def today():
    """The business day (Europe/Istanbul)."""
    return dt.datetime.now(ISTANBUL).date()


def _points(record):
    for kind, field in POINT_FIELDS:
        for position, value in enumerate(record.get(field) or ()):
            if kind == "phone":
                yield {"kind": kind, "value": value, "normalised": value, "mobile": phones.is_mobile(value),
                       "position": position}
            else:
                normalised = emails.normalise(value) if kind == "email" else fold(value)
                yield {"kind": kind, "value": value, "normalised": normalised, "mobile": False, "position": position}


def row_of(record):
    """The `contacts` row of a record (without id and audit columns). Only roles still held go into the
    search text: "muhtar" finds today's muhtars; the office filters and the history see the rest."""
    consent = record.get("consent") or {}
    day = today()
    searched = {**record, "roles": [r for r in record.get("roles") or ()
                                    if r.get("ended_on") is None or r["ended_on"] >= day]}
    return {
        "kind": record["kind"], "name": display_name(record), "category": record.get("category"),
        "neighbourhood": record.get("neighbourhood"), "tags": list(record.get("tags") or ()),
        "notes": record.get("notes") or "", "consent_basis": consent.get("basis"),
        "consent_given_on": consent.get("given_on"), "opted_out_on": consent.get("opted_out_on"),
        "last_verified_on": record.get("last_verified_on"), "external_ref": record.get("external_ref"),
        "search_text": search_text.document(searched) or fold(display_name(record)),
        "name_key": name_key(record), "tag_keys": [fold(t) for t in record.get("tags") or ()],
        "neighbourhood_key": fold(record["neighbourhood"]) if record.get("neighbourhood") else None,
    }


def with_office_codes(record, table):
    """Roles whose office is written as a title on the precedence list get its code ("Kaymakam" -> kaymakam)."""
    roles = []
    for role in record.get("roles") or ():
        office = role.get("office")
        code = office if office in table else precedence.code_for_title(office or role.get("title"), table)
        roles.append({**role, "office": code or office or role.get("title")})
    return {**record, "roles": roles}


def create(cur, record, actor_id, import_key=None):
    """Store a new record (its roles too); returns its id."""
    contact_id = uuid.uuid4()
    storage.insert_contact(cur, {**row_of(record), "id": contact_id, "import_key": import_key, "by": actor_id})
    storage.replace_points(cur, contact_id, list(_points(record)))
    for role in record.get("roles") or ():
        storage.insert_role(cur, {**role, "person_id": contact_id, "by": actor_id})
    return contact_id


def update(cur, contact_id, record, actor_id, new_roles=()):
    """Store a changed record over `contact_id` (points replaced; roles only added, never rewritten)."""
    storage.update_contact(cur, contact_id, {**row_of(record), "by": actor_id})
    storage.replace_points(cur, contact_id, list(_points(record)))
    for role in new_roles:
        storage.insert_role(cur, {**role, "person_id": contact_id, "by": actor_id})


def fingerprint(record):
    """What a change would write: equal fingerprints mean there is nothing to update."""
    row = row_of(record)
    return row, sorted((p["kind"], p["normalised"], p["value"], p["position"]) for p in _points(record))


def refresh_search(cur, contact_id):
    """Recompute the search text after the roles changed."""
    storage.set_search_text(cur, contact_id, row_of(read_one(cur, contact_id))["search_text"])


def read(cur, ids):
    """{id: record} for the given ids (missing ids are left out), roles oldest first."""
    ids = [str(i) for i in ids]
    if not ids:
        return {}
    records = {}
    for row in storage.contact_rows(cur, ids):
        record = {
            "id": str(row["id"]), "kind": row["kind"], "category": row["category"],
            "phones": [], "emails": [], "addresses": [], "neighbourhood": row["neighbourhood"],
            "tags": list(row["tags"]), "notes": row["notes"], "roles": [],
            "consent": {"basis": row["consent_basis"], "given_on": row["consent_given_on"],
                        "opted_out_on": row["opted_out_on"]},
            "last_verified_on": row["last_verified_on"], "external_ref": row["external_ref"],
            "merged_into": str(row["merged_into"]) if row["merged_into"] else None,
            "verification_due_reason": row["verification_due_reason"],
            "created_at": row["created_at"], "updated_at": row["updated_at"],
        }
        record["full_name" if row["kind"] == categories.PERSON else "name"] = row["name"]
        records[record["id"]] = record
    for point in storage.points_of(cur, ids):
        records[str(point["contact_id"])][dict(POINT_FIELDS)[point["kind"]]].append(point["value"])
    for role in storage.roles_of(cur, ids):
        records[str(role["person_id"])]["roles"].append({
            "id": role["id"], "organisation_id": str(role["organisation_id"]) if role["organisation_id"] else None,
            "organisation_name": role["organisation_name"], "office": role["office"], "title": role["title"],
            "started_on": role["started_on"], "ended_on": role["ended_on"]})
    return records


def precedence_table(cur):
    """The precedence list as staff keep it: {office code: precedence.Office}."""
    return {row["office"]: precedence.Office(row["office"], row["rank"], row["title"], row["source"])
            for row in storage.precedence_rows(cur)}


def read_one(cur, contact_id):
    return read(cur, [contact_id]).get(str(contact_id))


def first_mobile(record):
    """The first phone an SMS can reach, or None."""
    return next((p for p in record.get("phones") or () if phones.is_mobile(p)), None)


def current_title(record, table, on_date):
    """What a name card says under the name: the title of the most senior role held on `on_date`."""
    held = [r for r in record.get("roles") or ()
            if (r.get("started_on") is None or r["started_on"] <= on_date)
            and (r.get("ended_on") is None or on_date <= r["ended_on"])]
    held.sort(key=lambda r: precedence.rank_of(r.get("office"), table) or 10 ** 6)
    if not held:
        return None
    role = held[0]
    office = table.get(role.get("office"))
    return role.get("title") or (office.title if office else role.get("office"))


def public(value):
    """JSON-ready: dates ISO strings, UUIDs strings, recursively."""
    if isinstance(value, dict):
        return {key: public(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [public(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value
