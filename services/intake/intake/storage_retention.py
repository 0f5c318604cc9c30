"""SQL of the periodic destruction run (`retention`): every function takes an open cursor (dict rows)."""
from psycopg2.extras import Json

# one key for "a destruction run is going on", shared by every intake instance (pg advisory lock)
RUN_LOCK_KEY = 4_982_3071_06


def try_lock(cur):
    """Take the session-level lock of the run; False when another session holds it."""
    cur.execute("SELECT pg_try_advisory_lock(%s) AS locked", (RUN_LOCK_KEY,))
    row = cur.fetchone()
    return bool(row["locked"] if isinstance(row, dict) else row[0])


def unlock(cur):
    cur.execute("SELECT pg_advisory_unlock(%s)", (RUN_LOCK_KEY,))


def last_run_started(cur):
    cur.execute("SELECT max(started_at) AS started_at FROM destruction_runs")
    return cur.fetchone()["started_at"]


def start_run(cur, run_id, started_at, trigger, rules, method):
    cur.execute("INSERT INTO destruction_runs (id, started_at, trigger, method, rules) VALUES (%s, %s, %s, %s, %s)",
                (str(run_id), started_at, trigger, method, Json(rules)))


def add_to_run(cur, run_id, rule, n):
    cur.execute("UPDATE destruction_runs SET counts = jsonb_set(counts, ARRAY[%s], "
                "to_jsonb(coalesce((counts->>%s)::integer, 0) + %s)), total = total + %s WHERE id = %s",
                (rule, rule, n, n, str(run_id)))


def finish_run(cur, run_id, finished_at):
    cur.execute("UPDATE destruction_runs SET finished_at = %s WHERE id = %s", (finished_at, str(run_id)))


def get_run(cur, run_id):
    cur.execute("SELECT id, started_at, finished_at, trigger, method, rules, counts, total FROM destruction_runs "
                "WHERE id = %s", (str(run_id),))
    return cur.fetchone()


def list_runs(cur, limit):
    cur.execute("SELECT id, started_at, finished_at, trigger, method, rules, counts, total FROM destruction_runs "
                "ORDER BY started_at DESC, id LIMIT %s", (limit,))
    return cur.fetchall()


def due_for_anonymising(cur, cutoff, limit, types=None, except_types=None):
    """Ids of applications received before `cutoff` and not anonymised yet, of `types` (or of every type
    but `except_types`), oldest first; locked until the transaction ends."""
    condition, params = ("type = ANY(%s)", [list(types)]) if types is not None else \
        ("NOT (type = ANY(%s))", [list(except_types or ())])
    cur.execute(f"SELECT id FROM applications WHERE anonymised_at IS NULL AND received_at < %s AND {condition} "
                "ORDER BY received_at, id LIMIT %s FOR UPDATE SKIP LOCKED", [cutoff, *params, limit])
    return [row["id"] for row in cur.fetchall()]


def anonymise(cur, application_ids, placeholder, at):
    """Destroy the personal data of these applications; what statistics and the law's reports need stays
    (id, tracking number, status and its defects, channel, type, category, neighbourhood, dates, source
    system, who submitted it — a channel or staff account, not the applicant)."""
    ids = [str(i) for i in application_ids]
    cur.execute("UPDATE applicants SET full_name = %s, tc_kimlik_no = NULL, email = NULL, phone = NULL, "
                "postal_address = NULL WHERE application_id = ANY(%s::uuid[])", (placeholder, ids))
    cur.execute("UPDATE applications SET subject = %s, body = '', location = NULL, media_url = NULL, "
                "source_reference = NULL, idempotency_key = NULL, request_hash = '', applicant_key = NULL, "
                "possible_duplicate_of = '{}', anonymised_at = %s WHERE id = ANY(%s::uuid[])", (placeholder, at, ids))
    cur.execute("DELETE FROM attachments WHERE application_id = ANY(%s::uuid[])", (ids,))
    # copies of the announcements already sent (the relay purges them after a week anyway); unsent ones
    # stay so that consumers see them before the `applicants_anonymised` event that follows them
    cur.execute("DELETE FROM outbox WHERE sent_at IS NOT NULL AND envelope->'payload'->>'application_id' = ANY(%s)",
                (ids,))
