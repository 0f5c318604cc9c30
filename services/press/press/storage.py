"""Press's SQL for sources, clippings and digests, and nothing else: every function takes an open
cursor (dict rows). Releases are in `storage_releases`, the office's registers in `storage_office`."""
import uuid

from psycopg2.extras import Json

# a listing never carries file contents
_CLIPPING = ("c.id, c.url, c.title, c.summary, c.outlet, c.source_id, c.kind, c.page_or_programme, "
             "c.published_at, c.captured_at, c.keywords, c.tone, c.tone_set_by, c.tone_set_at, c.tone_suggestion, "
             "c.important, c.important_at, c.flagged_by, c.flag_note, c.directorates, c.new_practice, c.topic, "
             "c.scan_filename, c.scan_content_type, (c.scan IS NOT NULL) AS has_scan, c.created_by")
_APPEARED = "coalesce(c.published_at, c.captured_at)"
_DAY_START = "((%s::date)::timestamp AT TIME ZONE 'Europe/Istanbul')"


# -- sources ------------------------------------------------------------------------------------------
def add_source(cur, source):
    cur.execute("INSERT INTO sources (id, url, outlet, fetch_interval, next_fetch_at, created_by) VALUES "
                "(%(id)s, %(url)s, %(outlet)s, make_interval(mins => %(interval_minutes)s), %(now)s, %(created_by)s) "
                "ON CONFLICT (url) DO NOTHING RETURNING *", source)
    return cur.fetchone()


def source_by_url(cur, url):
    cur.execute("SELECT * FROM sources WHERE url = %s", (url,))
    return cur.fetchone()


def sources(cur):
    cur.execute("SELECT s.*, (SELECT count(*) FROM clippings c WHERE c.source_id = s.id) AS clippings "
                "FROM sources s ORDER BY s.outlet, s.url")
    return cur.fetchall()


def set_source_active(cur, source_id, active):
    cur.execute("UPDATE sources SET active = %s WHERE id = %s RETURNING *", (active, str(source_id)))
    return cur.fetchone()


def claim_due_sources(cur, now, lease_seconds, limit):
    """Sources due at `now`, leased to this caller: their next fetch moves `lease_seconds` on, so
    another instance does not read them meanwhile (and a crash only delays them)."""
    cur.execute("UPDATE sources SET next_fetch_at = %(now)s + make_interval(secs => %(lease)s) WHERE id IN ("
                "SELECT id FROM sources WHERE active AND next_fetch_at <= %(now)s ORDER BY next_fetch_at "
                "LIMIT %(limit)s FOR UPDATE SKIP LOCKED) RETURNING *",
                {"now": now, "lease": lease_seconds, "limit": limit})
    return cur.fetchall()


def record_fetch(cur, source_id, outcome):
    cur.execute("UPDATE sources SET etag = %(etag)s, last_modified = %(last_modified)s, "
                "consecutive_failures = %(failures)s, next_fetch_at = %(next_fetch_at)s, "
                "last_fetched_at = %(at)s, last_outcome = %(status)s, last_error = %(error)s WHERE id = %(id)s",
                {**outcome, "id": str(source_id)})


# -- clippings ----------------------------------------------------------------------------------------
def insert_clipping(cur, clipping):
    """Insert unless a clipping with the same dedupe key exists; the new id, or None."""
    row = {"id": uuid.uuid4(), "url": None, "summary": "", "published_at": None, "keywords": [],
           "new_practice": False, "source_id": None, "kind": "feed", "page_or_programme": None, "topic": None,
           "tone_suggestion": None, "scan": None, "scan_filename": None, "scan_content_type": None,
           "created_by": None, **clipping}
    row["tone_suggestion"] = Json(row["tone_suggestion"]) if row["tone_suggestion"] is not None else None
    cur.execute("INSERT INTO clippings (id, dedupe_key, url, title, summary, outlet, source_id, kind, "
                "page_or_programme, published_at, captured_at, keywords, tone_suggestion, new_practice, topic, "
                "scan, scan_filename, scan_content_type, created_by) VALUES (%(id)s, %(dedupe_key)s, %(url)s, "
                "%(title)s, %(summary)s, %(outlet)s, %(source_id)s, %(kind)s, %(page_or_programme)s, "
                "%(published_at)s, %(captured_at)s, %(keywords)s, %(tone_suggestion)s, %(new_practice)s, %(topic)s, "
                "%(scan)s, %(scan_filename)s, %(scan_content_type)s, %(created_by)s) "
                "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id", row)
    found = cur.fetchone()
    return found and found["id"]


def clipping(cur, clipping_id, lock=False):
    cur.execute(f"SELECT {_CLIPPING}, c.flag_announced FROM clippings c WHERE c.id = %s"
                + (" FOR UPDATE" if lock else ""), (str(clipping_id),))
    return cur.fetchone()


def set_tone(cur, clipping_id, tone, by, at):
    cur.execute("UPDATE clippings SET tone = %s, tone_set_by = %s, tone_set_at = %s WHERE id = %s",
                (tone, by, at, str(clipping_id)))


def classify(cur, clipping_id, changes):
    columns = [name for name in ("topic", "new_practice") if name in changes]
    if columns:
        cur.execute("UPDATE clippings SET " + ", ".join(f"{name} = %({name})s" for name in columns)
                    + " WHERE id = %(id)s", {**changes, "id": str(clipping_id)})


def flag(cur, clipping_id, flag_row):
    cur.execute("UPDATE clippings SET important = %(important)s, important_at = %(important_at)s, "
                "flagged_by = %(flagged_by)s, flag_note = %(note)s, directorates = %(directorates)s, "
                "flag_announced = %(announced)s WHERE id = %(id)s", {**flag_row, "id": str(clipping_id)})


def scan(cur, clipping_id):
    cur.execute("SELECT scan_filename AS filename, scan_content_type AS content_type, scan AS content "
                "FROM clippings WHERE id = %s", (str(clipping_id),))
    return cur.fetchone()


# counting every match of a common word costs more than finding a page of them: counted up to this
COUNT_CAP = 10_000


def search_clippings(cur, filters, limit, offset):
    """`(total, exact, rows)` by the filters `archive.search` loaded: newest first, or with `sort: relevance`
    and a query, best matches first (title counts more than summary). `total` is exact up to
    COUNT_CAP; past it, `exact` is false and the archive holds at least that many."""
    where, params = [], {"query": filters.get("query") or "", "limit": limit, "offset": offset, "cap": COUNT_CAP}
    text = bool((filters.get("query") or "").strip())
    if text:
        where.append("(numnode(q) = 0 OR c.search @@ q)")
    if filters.get("date_from"):
        where.append(f"{_APPEARED} >= {_DAY_START % '%(date_from)s'}")
    if filters.get("date_to"):
        where.append(f"{_APPEARED} < {_DAY_START % '(%(date_to)s::date + 1)'}")
    for name in ("outlet", "topic", "kind"):
        if filters.get(name):
            where.append(f"c.{name} = %({name})s")
    if filters.get("tone") == "none":
        where.append("c.tone IS NULL")
    elif filters.get("tone"):
        where.append("c.tone = %(tone)s")
    if filters.get("directorate"):
        where.append("%(directorate)s = ANY(c.directorates)")
    if filters.get("important") is not None:
        where.append("c.important = %(important)s")
    rank = "ts_rank_cd(c.search, q)" if text else "0"
    order = f"rank DESC, {_APPEARED} DESC, c.id" if text and filters.get("sort") == "relevance" \
        else f"{_APPEARED} DESC, c.id"
    matching = "FROM clippings c, press_search_query(%(query)s) q" + (" WHERE " + " AND ".join(where) if where else "")
    values = {**filters, **params}
    cur.execute(f"SELECT {_CLIPPING}, {rank} AS rank {matching} ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s",
                values)
    rows = cur.fetchall()
    cur.execute(f"SELECT count(*) AS total FROM (SELECT 1 {matching} LIMIT %(cap)s + 1) found", values)
    total = cur.fetchone()["total"]
    return min(total, COUNT_CAP), total <= COUNT_CAP, rows


def clippings_between(cur, start, end):
    """Clippings that appeared in [start, end) (published, else captured)."""
    cur.execute(f"SELECT {_CLIPPING} FROM clippings c WHERE {_APPEARED} >= %s AND {_APPEARED} < %s", (start, end))
    return cur.fetchall()


def board_candidates(cur, since):
    """Important clippings that appeared or were flagged since `since`."""
    cur.execute(f"SELECT {_CLIPPING} FROM clippings c WHERE c.important AND "
                f"({_APPEARED} >= %(since)s OR c.important_at >= %(since)s)", {"since": since})
    return cur.fetchall()


# -- digests ------------------------------------------------------------------------------------------
def digest_exists(cur, day):
    cur.execute("SELECT 1 FROM digests WHERE day = %s", (day,))
    return cur.fetchone() is not None


def insert_digest(cur, digest):
    """Insert the day's digest unless one exists; True if this one was inserted."""
    cur.execute("INSERT INTO digests (id, day, subject, text, pdf, total) VALUES (%(id)s, %(day)s, %(subject)s, "
                "%(text)s, %(pdf)s, %(total)s) ON CONFLICT (day) DO NOTHING", digest)
    return cur.rowcount == 1


def digest(cur, day):
    cur.execute("SELECT id, day, subject, text, pdf, total, created_at FROM digests WHERE day = %s", (day,))
    return cur.fetchone()


def digest_pdf(cur, digest_id):
    cur.execute("SELECT day, pdf AS content FROM digests WHERE id = %s", (str(digest_id),))
    return cur.fetchone()
