"""Contacts' SQL for records, contact points, roles and the precedence list, and nothing else: every
function takes an open cursor (dict rows). Segments, imports and events are in `storage_events`."""
CONTACT_COLUMNS = ("id, kind, name, category, neighbourhood, tags, notes, consent_basis, consent_given_on, "
                   "opted_out_on, last_verified_on, verification_due_reason, external_ref, merged_into, "
                   "created_at, updated_at")
_ROW = ("kind, name, category, neighbourhood, tags, notes, consent_basis, consent_given_on, opted_out_on, "
        "last_verified_on, external_ref, search_text, name_key, tag_keys, neighbourhood_key")
_CURRENT = "(r.started_on IS NULL OR r.started_on <= %(day)s) AND (r.ended_on IS NULL OR r.ended_on >= %(day)s)"


# -- records ----------------------------------------------------------------------------------------
def insert_contact(cur, row):
    cur.execute(f"INSERT INTO contacts (id, import_key, created_by, updated_by, {_ROW}) VALUES "
                "(%(id)s, %(import_key)s, %(by)s, %(by)s, " + ", ".join(f"%({c.strip()})s" for c in _ROW.split(","))
                + ")", row)


def update_contact(cur, contact_id, row):
    sets = ", ".join(f"{c.strip()} = %({c.strip()})s" for c in _ROW.split(","))
    cur.execute(f"UPDATE contacts SET {sets}, updated_by = %(by)s, updated_at = now() WHERE id = %(id)s",
                {**row, "id": str(contact_id)})


def contact_rows(cur, ids):
    cur.execute(f"SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ANY(%s::uuid[])", ([str(i) for i in ids],))
    return cur.fetchall()


def lock_contacts(cur, ids):
    """Lock rows in id order (two merges never wait on each other crosswise); returns the ids found."""
    cur.execute("SELECT id, merged_into FROM contacts WHERE id = ANY(%s::uuid[]) ORDER BY id FOR UPDATE",
                ([str(i) for i in ids],))
    return {str(row["id"]): row["merged_into"] for row in cur.fetchall()}


def find_contact(cur, external_ref=None, import_key=None, contact_id=None):
    """The id a record from a file refers to: by its external ref, by our own id (a vCard we exported),
    by its import key; a merged record answers with the record it was merged into."""
    for column, value in (("external_ref", external_ref), ("id::text", contact_id), ("import_key", import_key)):
        if value:
            cur.execute(f"SELECT id, merged_into FROM contacts WHERE {column} = %s", (str(value),))
            row = cur.fetchone()
            if row:
                return _follow(cur, row)
    return None


def _follow(cur, row):
    seen = set()
    while row["merged_into"] and row["id"] not in seen:
        seen.add(row["id"])
        cur.execute("SELECT id, merged_into FROM contacts WHERE id = %s", (row["merged_into"],))
        row = cur.fetchone()
    return row["id"]


def set_columns(cur, contact_id, by, **values):
    sets = ", ".join(f"{column} = %({column})s" for column in values)
    cur.execute(f"UPDATE contacts SET {sets}, updated_by = %(by)s, updated_at = now() WHERE id = %(id)s "
                "RETURNING id", {**values, "by": by, "id": str(contact_id)})
    return cur.fetchone() is not None


def set_search_text(cur, contact_id, text):
    cur.execute("UPDATE contacts SET search_text = %s WHERE id = %s", (text, str(contact_id)))


# -- contact points -------------------------------------------------------------------------------
def replace_points(cur, contact_id, points):
    cur.execute("DELETE FROM contact_points WHERE contact_id = %s", (str(contact_id),))
    for point in points:
        cur.execute("INSERT INTO contact_points (contact_id, kind, value, normalised, mobile, position) VALUES "
                    "(%(contact_id)s, %(kind)s, %(value)s, %(normalised)s, %(mobile)s, %(position)s) "
                    "ON CONFLICT DO NOTHING", {**point, "contact_id": str(contact_id)})


def points_of(cur, ids):
    cur.execute("SELECT contact_id, kind, value FROM contact_points WHERE contact_id = ANY(%s::uuid[]) "
                "ORDER BY contact_id, kind, position, id", ([str(i) for i in ids],))
    return cur.fetchall()


# -- roles ----------------------------------------------------------------------------------------
def insert_role(cur, role):
    params = {"organisation_name": None, "office": None, "title": None, "started_on": None, "ended_on": None,
              "by": None, **role, "person_id": str(role["person_id"]),
              "organisation_id": str(role["organisation_id"]) if role.get("organisation_id") else None}
    cur.execute("INSERT INTO roles (person_id, organisation_id, organisation_name, office, title, started_on, "
                "ended_on, created_by) VALUES (%(person_id)s, %(organisation_id)s, %(organisation_name)s, "
                "%(office)s, %(title)s, %(started_on)s, %(ended_on)s, %(by)s) RETURNING id", params)
    return cur.fetchone()["id"]


def roles_of(cur, ids):
    cur.execute("SELECT id, person_id, organisation_id, organisation_name, office, title, started_on, ended_on "
                "FROM roles WHERE person_id = ANY(%s::uuid[]) ORDER BY person_id, started_on NULLS FIRST, id",
                ([str(i) for i in ids],))
    return cur.fetchall()


def role_for_update(cur, role_id):
    cur.execute("SELECT id, person_id, started_on, ended_on FROM roles WHERE id = %s FOR UPDATE", (role_id,))
    return cur.fetchone()


def end_role(cur, role_id, ended_on, by):
    cur.execute("UPDATE roles SET ended_on = %s, ended_by = %s WHERE id = %s AND ended_on IS NULL RETURNING id",
                (ended_on, by, role_id))
    return cur.fetchone() is not None


def move_roles(cur, from_id, to_id, drop_ids):
    """A merge: the roles held by `from_id` (but the exact repeats in `drop_ids`) become `to_id`'s, and
    roles at the organisation `from_id` point to `to_id`."""
    cur.execute("DELETE FROM roles WHERE id = ANY(%s)", (list(drop_ids),))
    cur.execute("UPDATE roles SET person_id = %s WHERE person_id = %s", (str(to_id), str(from_id)))
    cur.execute("UPDATE roles SET organisation_id = %s WHERE organisation_id = %s", (str(to_id), str(from_id)))


def organisation_names(cur, ids):
    cur.execute("SELECT id, name FROM contacts WHERE id = ANY(%s::uuid[]) AND kind = 'organisation'",
                ([str(i) for i in ids],))
    return {str(row["id"]): row["name"] for row in cur.fetchall()}


# -- filters shared by search, segments, exports and campaigns -----------------------------------------
def conditions(criteria, day):
    """SQL conditions on `contacts c` for a filter dict (segments.SegmentSchema's keys), and their params."""
    sql, params = ["c.merged_into IS NULL"], {"day": criteria.get("active_on") or day}
    if criteria.get("ids") is not None:
        sql.append("c.id = ANY(%(ids)s::uuid[])")
        params["ids"] = [str(i) for i in criteria["ids"]]
    if criteria.get("categories"):
        sql.append("c.category = ANY(%(categories)s)")
        params["categories"] = list(criteria["categories"])
    if criteria.get("tags"):
        sql.append("c.tag_keys && %(tags)s")
        params["tags"] = list(criteria["tags"])
    if criteria.get("neighbourhoods"):
        sql.append("c.neighbourhood_key = ANY(%(neighbourhoods)s)")
        params["neighbourhoods"] = list(criteria["neighbourhoods"])
    if criteria.get("organisation_id") or criteria.get("offices"):
        role = [_CURRENT]
        if criteria.get("organisation_id"):
            role.append("r.organisation_id = %(organisation_id)s::uuid")
            params["organisation_id"] = str(criteria["organisation_id"])
        if criteria.get("offices"):
            role.append("r.office = ANY(%(offices)s)")
            params["offices"] = list(criteria["offices"])
        sql.append("EXISTS (SELECT 1 FROM roles r WHERE r.person_id = c.id AND " + " AND ".join(role) + ")")
    for flag, kind in (("has_email", "email"), ("has_phone", "phone")):
        if criteria.get(flag) is not None:
            exists = f"EXISTS (SELECT 1 FROM contact_points p WHERE p.contact_id = c.id AND p.kind = '{kind}')"
            sql.append(exists if criteria[flag] else f"NOT {exists}")
    if criteria.get("point"):
        sql.append("c.id IN (SELECT contact_id FROM contact_points WHERE kind = %(point_kind)s "
                   "AND normalised = %(point)s)")
        params.update(point=criteria["point"], point_kind=criteria["point_kind"])
    if criteria.get("for_bulk") or not criteria.get("include_opted_out", True):
        sql.append("(c.opted_out_on IS NULL OR c.opted_out_on > %(day)s)")
    if criteria.get("for_bulk"):
        sql.append("c.consent_basis IS NOT NULL")
    return sql, params


def _escape(term):
    return term.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")


def occurs(cur, term):
    """True when `term` occurs literally in some live record's search text (a trigram index probe)."""
    cur.execute("SELECT EXISTS (SELECT 1 FROM contacts WHERE search_text LIKE %s AND merged_into IS NULL) AS hit",
                ("%" + _escape(term) + "%",))
    return cur.fetchone()["hit"]


# How a term must match, and how well it matched. The search text and the terms are both folded to
# lower case, so LIKE is what ILIKE would be, at half the cost. A literal term ranks a whole word over
# the start of a word over the inside of one; a similar term ranks by pg_trgm's word similarity.
_TERM_MATCH = {"literal": "c.search_text LIKE %(in{i})s", "similar": "%(t{i})s <%% c.search_text",
               "either": "(c.search_text LIKE %(in{i})s OR %(t{i})s <%% c.search_text)"}
_TERM_SCORE = {"literal": "CASE WHEN ' ' || c.search_text || ' ' LIKE %(word{i})s THEN 1.0 "
                          "WHEN ' ' || c.search_text LIKE %(start{i})s THEN 0.75 ELSE 0.5 END",
               "similar": "word_similarity(%(t{i})s, c.search_text)",
               "either": "word_similarity(%(t{i})s, c.search_text)"}


SIMILARITY_THRESHOLD = 0.4


def search(cur, terms, criteria, day, limit, offset):
    """Records matching every `(term, how)` ("literal", "similar" or "either"; all on the trigram index)
    and the criteria, best match first; each row has `total`, the count of all matches."""
    where, params = conditions(criteria, day)
    score = []
    for i, (term, how) in enumerate(terms):
        escaped = _escape(term)
        params.update({f"t{i}": term, f"in{i}": f"%{escaped}%", f"word{i}": f"% {escaped} %",
                       f"start{i}": f"% {escaped}%"})
        where.append(_TERM_MATCH[how].format(i=i))
        score.append(_TERM_SCORE[how].format(i=i))
    params.update(limit=limit, offset=offset)
    # pg_trgm's default (0.6) misses one slip in a short word ("arskan" scores 0.43 against "arslan")
    cur.execute("SET LOCAL pg_trgm.word_similarity_threshold = %s", (SIMILARITY_THRESHOLD,))
    matching = f"FROM contacts c WHERE {' AND '.join(where)}"
    cur.execute(f"SELECT {CONTACT_COLUMNS}, {' + '.join(score) or '0'} AS score {matching} "
                "ORDER BY score DESC, c.name_key, c.id LIMIT %(limit)s OFFSET %(offset)s", params)
    rows = cur.fetchall()
    if rows:
        # counted apart: a count over the window would make PostgreSQL keep every match before the page
        cur.execute(f"SELECT count(*) AS total {matching}", params)
        total = cur.fetchone()["total"]
        for row in rows:
            row["total"] = total
    return rows


def matching_ids(cur, criteria, day, limit=None):
    where, params = conditions(criteria, day)
    cur.execute(f"SELECT c.id FROM contacts c WHERE {' AND '.join(where)} ORDER BY c.name_key, c.id"
                + (" LIMIT %(limit)s" if limit else ""), {**params, "limit": limit})
    return [row["id"] for row in cur.fetchall()]


def same_name(cur, kind, name_key):
    cur.execute("SELECT id FROM contacts WHERE kind = %s AND name_key = %s AND merged_into IS NULL LIMIT 20",
                (kind, name_key))
    return [row["id"] for row in cur.fetchall()]


# -- upkeep ---------------------------------------------------------------------------------------
def stale(cur, cutoff, limit, offset):
    """Records due for checking: marked by a campaign, never verified, or verified before `cutoff`."""
    cur.execute("SELECT id, kind, name, category, last_verified_on, verification_due_reason, "
                "verification_due_since, count(*) OVER () AS total FROM contacts WHERE merged_into IS NULL AND "
                "(verification_due_reason IS NOT NULL OR last_verified_on IS NULL OR last_verified_on < %s) "
                "ORDER BY verification_due_reason IS NULL, last_verified_on NULLS FIRST, name_key, id "
                "LIMIT %s OFFSET %s", (cutoff, limit, offset))
    return cur.fetchall()


def mark_for_reverification(cur, ids, reason, day):
    cur.execute("UPDATE contacts SET verification_due_reason = %s, verification_due_since = %s "
                "WHERE id = ANY(%s::uuid[])", (reason, day, [str(i) for i in ids]))
    return cur.rowcount


# -- duplicates -----------------------------------------------------------------------------------
def duplicate_blocks(cur, shared_limit, name_limit=50, limit=5000):
    """Ids of live records sharing a name key, a phone or an e-mail with another of the same kind. A
    phone or e-mail shared by more than `shared_limit` records is a switchboard, not a clue; a name shared
    by more than `name_limit` is a common name, left to the other clues."""
    cur.execute(
        "SELECT DISTINCT unnest(ids) AS id FROM ("
        " SELECT array_agg(id) AS ids FROM contacts WHERE merged_into IS NULL GROUP BY kind, name_key "
        " HAVING count(*) > 1 AND count(*) <= %s"
        " UNION ALL SELECT array_agg(c.id) FROM contact_points p JOIN contacts c ON c.id = p.contact_id "
        " WHERE c.merged_into IS NULL AND p.kind IN ('phone', 'email') GROUP BY c.kind, p.kind, p.normalised "
        " HAVING count(DISTINCT c.id) > 1 AND count(DISTINCT c.id) <= %s) blocks LIMIT %s",
        (name_limit, shared_limit, limit))
    return [row["id"] for row in cur.fetchall()]


def similar_name_neighbours(cur, window=3, threshold=0.5, limit=5000):
    """Ids of live records whose name differs from, but is trigram-similar to, one of the `window` names
    next to it when names are sorted, forwards and by their reversed text (a typo near the end of a
    name, then one near its start). A full self-join on similarity took minutes on 100,000 records;
    this is two sorts. duplicates.candidates then decides with its own, stricter score."""
    leads = ", ".join(f"lead(id, {n}) OVER w" for n in range(1, window + 1))
    keys = ", ".join(f"lead(name_key, {n}) OVER w" for n in range(1, window + 1))
    pairs = []
    for order in ("name_key", "reverse(name_key)"):
        pairs.append(
            f"SELECT id, name_key, unnest(ARRAY[{leads}]) AS other, unnest(ARRAY[{keys}]) AS other_key "
            f"FROM contacts WHERE merged_into IS NULL WINDOW w AS (PARTITION BY kind ORDER BY {order})")
    cur.execute(f"SELECT DISTINCT unnest(ARRAY[id, other]) AS id FROM ({' UNION ALL '.join(pairs)}) p "
                "WHERE other IS NOT NULL AND other_key <> name_key AND similarity(name_key, other_key) >= %s "
                "LIMIT %s", (threshold, limit))
    return [row["id"] for row in cur.fetchall()]


_DISMISSAL = "contact_a, contact_b, dismissed_by, dismissed_at, reason"


def dismiss_pair(cur, first, second, by, reason):
    """Record that `first` < `second` are not one record; a pair dismissed before keeps its first
    dismissal (who, when, why). Returns the stored row."""
    pair = (str(first), str(second))
    cur.execute(f"INSERT INTO not_duplicates (contact_a, contact_b, dismissed_by, reason) VALUES (%s, %s, %s, %s) "
                f"ON CONFLICT DO NOTHING RETURNING {_DISMISSAL}", (*pair, by, reason))
    row = cur.fetchone()
    if row is None:
        cur.execute(f"SELECT {_DISMISSAL} FROM not_duplicates WHERE contact_a = %s AND contact_b = %s", pair)
        row = cur.fetchone()
    return row


def dismissed_pairs(cur, ids):
    """The dismissed pairs with both records among `ids`, as frozensets of two id texts."""
    ids = [str(i) for i in ids]
    cur.execute("SELECT contact_a, contact_b FROM not_duplicates "
                "WHERE contact_a = ANY(%s::uuid[]) AND contact_b = ANY(%s::uuid[])", (ids, ids))
    return {frozenset((str(row["contact_a"]), str(row["contact_b"]))) for row in cur.fetchall()}


def existing_contacts(cur, ids):
    """{id text: merged_into} of the records among `ids` that exist."""
    cur.execute("SELECT id, merged_into FROM contacts WHERE id = ANY(%s::uuid[])", ([str(i) for i in ids],))
    return {str(row["id"]): row["merged_into"] for row in cur.fetchall()}


# -- precedence -----------------------------------------------------------------------------------
def seed_office(cur, office):
    """A seeded office is added unless its code or its rank is already on the (staff-edited) list."""
    cur.execute("INSERT INTO precedence (office, title, rank, source, updated_by) SELECT %(code)s, %(title)s, "
                "%(rank)s, %(source)s, 'seed' WHERE NOT EXISTS (SELECT 1 FROM precedence WHERE office = %(code)s "
                "OR rank = %(rank)s)", office._asdict())


def precedence_rows(cur):
    cur.execute("SELECT office, title, rank, source, updated_by, updated_at FROM precedence ORDER BY rank")
    return cur.fetchall()


def place_office(cur, office, rank, title, source, by):
    """Put `office` at `rank`: the offices between its old and new place move up or down by one (the
    unique rank is checked at commit)."""
    cur.execute("LOCK TABLE precedence IN SHARE ROW EXCLUSIVE MODE")
    cur.execute("DELETE FROM precedence WHERE office = %s RETURNING rank, source", (office,))
    old = cur.fetchone()
    if old:
        cur.execute("UPDATE precedence SET rank = rank - 1 WHERE rank > %s", (old["rank"],))
    cur.execute("SELECT coalesce(max(rank), 0) + 1 AS next FROM precedence")
    rank = min(rank, cur.fetchone()["next"])
    cur.execute("UPDATE precedence SET rank = rank + 1 WHERE rank >= %s", (rank,))
    cur.execute("INSERT INTO precedence (office, title, rank, source, updated_by) VALUES (%s, %s, %s, %s, %s)",
                (office, title, rank, source if source is not None else (old or {}).get("source", ""), by))
    return rank
