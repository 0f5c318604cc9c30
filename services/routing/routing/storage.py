"""Routing's SQL, and nothing else: every function takes an open cursor (dict rows)."""
from psycopg2.extras import Json

CASE_COLUMNS = (
    "id, application_id, tracking_number, channel, type, category, subject, neighbourhood, received_at, "
    "hide_identity, state, directorate, routing_rule_id, deadline_rule, legal_due_on, internal_due_on, "
    "due_explanation, extended, interim_replied_at, answered_at, opened_at, updated_at, paused_on, resumed_on, "
    "fee_amount")
# what Open311 answers also show: where the case is and a picture of it, as the application gave them
PUBLIC_COLUMNS = CASE_COLUMNS + ", latitude, longitude, address_string, media_url"


# -- seed and reference data ----------------------------------------------------------------------
def upsert_directorate(cur, code, name):
    cur.execute("INSERT INTO directorates (code, name) VALUES (%s, %s) ON CONFLICT (code) DO UPDATE SET name = "
                "EXCLUDED.name", (code, name))


def directorates(cur):
    cur.execute("SELECT code, name FROM directorates ORDER BY name")
    return cur.fetchall()


def seed_rule(cur, rule):
    cur.execute("INSERT INTO routing_rules (directorate, category, neighbourhood, channel, keywords, priority, seeded, "
                "created_by) VALUES (%(directorate)s, %(category)s, %(neighbourhood)s, %(channel)s, %(keywords)s, "
                "%(priority)s, true, 'seed') ON CONFLICT DO NOTHING", rule)


def insert_rule(cur, rule, created_by):
    cur.execute("INSERT INTO routing_rules (directorate, category, neighbourhood, channel, keywords, priority, "
                "created_by) VALUES (%(directorate)s, %(category)s, %(neighbourhood)s, %(channel)s, %(keywords)s, "
                "%(priority)s, %(created_by)s) RETURNING id", {**rule, "created_by": created_by})
    return cur.fetchone()["id"]


def deactivate_rule(cur, rule_id):
    cur.execute("UPDATE routing_rules SET active = false WHERE id = %s AND active RETURNING id", (rule_id,))
    return cur.fetchone()


def active_rules(cur):
    cur.execute("SELECT id, directorate, category, neighbourhood, channel, keywords, priority, seeded, created_by "
                "FROM routing_rules WHERE active ORDER BY id")
    return cur.fetchall()


def idari_izin_days(cur):
    cur.execute("SELECT day, note FROM idari_izin_days ORDER BY day")
    return cur.fetchall()


def add_idari_izin_day(cur, day, note, added_by):
    cur.execute("INSERT INTO idari_izin_days (day, note, added_by) VALUES (%s, %s, %s) ON CONFLICT (day) DO UPDATE "
                "SET note = EXCLUDED.note, added_by = EXCLUDED.added_by", (day, note, added_by))


# -- cases ----------------------------------------------------------------------------------------
def insert_case(cur, case):
    cur.execute(
        "INSERT INTO cases (id, application_id, tracking_number, channel, type, category, subject, neighbourhood, "
        "received_at, hide_identity, state, directorate, routing_rule_id, deadline_rule, legal_due_on, "
        "internal_due_on, due_explanation, latitude, longitude, address_string, media_url) VALUES (%(id)s, "
        "%(application_id)s, %(tracking_number)s, %(channel)s, "
        "%(type)s, %(category)s, %(subject)s, %(neighbourhood)s, %(received_at)s, %(hide_identity)s, %(state)s, "
        "%(directorate)s, %(routing_rule_id)s, %(deadline_rule)s, %(legal_due_on)s, %(internal_due_on)s, "
        "%(due_explanation)s, %(latitude)s, %(longitude)s, %(address_string)s, %(media_url)s) "
        "ON CONFLICT (application_id) DO NOTHING RETURNING id",
        {"latitude": None, "longitude": None, "address_string": None, "media_url": None,
         **case, "due_explanation": Json(case["due_explanation"])})
    return cur.fetchone()


def case_for_update(cur, case_id):
    cur.execute(f"SELECT {CASE_COLUMNS} FROM cases WHERE id = %s FOR UPDATE", (str(case_id),))
    return cur.fetchone()


def case(cur, case_id):
    cur.execute(f"SELECT {CASE_COLUMNS} FROM cases WHERE id = %s", (str(case_id),))
    return cur.fetchone()


def update_case(cur, case_id, **changes):
    if "legal_due_on" in changes or "internal_due_on" in changes:
        changes["watch_done"] = False  # new dates: the watcher has new signals to give
    changes = {key: Json(value) if key == "due_explanation" else value for key, value in changes.items()}
    assignments = ", ".join(f"{column} = %({column})s" for column in changes)
    cur.execute(f"UPDATE cases SET {assignments}, updated_at = now() WHERE id = %(case_id)s",
                {**changes, "case_id": str(case_id)})


def add_event(cur, case_id, actor, action, details=None):
    cur.execute("INSERT INTO case_events (case_id, actor, action, details) VALUES (%s, %s, %s, %s)",
                (str(case_id), actor, action, Json(details or {})))


def timeline(cur, case_id):
    cur.execute("SELECT at, actor, action, details FROM case_events WHERE case_id = %s ORDER BY id", (str(case_id),))
    return cur.fetchall()


FILTERS = {
    "directorate": "directorate = %s",
    "state": "state = %s",
    "channel": "channel = %s",
    "neighbourhood": "neighbourhood = %s",
    "due_before": "legal_due_on < %s",
}


def list_cases(cur, filters, limit, offset, today):
    clauses, params = [], []
    for key, clause in FILTERS.items():
        if filters.get(key) is not None:
            clauses.append(clause)
            params.append(filters[key])
    if filters.get("overdue"):
        clauses.append("legal_due_on < %s AND state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor')")
        params.append(today)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    cur.execute(f"SELECT count(*) AS n FROM cases {where}", params)
    total = cur.fetchone()["n"]
    cur.execute(f"SELECT {CASE_COLUMNS} FROM cases {where} ORDER BY legal_due_on NULLS LAST, opened_at "
                f"LIMIT %s OFFSET %s", (*params, limit, offset))
    return total, cur.fetchall()


def case_id_for_application(cur, application_id):
    cur.execute("SELECT id FROM cases WHERE application_id = %s", (str(application_id),))
    row = cur.fetchone()
    return row["id"] if row else None


def case_by_tracking_number(cur, tracking_number):
    cur.execute(f"SELECT {PUBLIC_COLUMNS} FROM cases WHERE tracking_number = %s", (tracking_number,))
    return cur.fetchone()


def public_requests(cur, categories, filters, limit):
    """Public service desk cases in the given categories, newest first (Open311 `GET requests`)."""
    clauses, params = ["channel = 'halk_masasi'", "category = ANY(%s)"], [list(categories)]
    if filters.get("service_code"):
        codes = filters["service_code"]
        clauses.append("category = ANY(%s)")
        params.append([codes] if isinstance(codes, str) else list(codes))
    if filters.get("start_date"):
        clauses.append("received_at >= %s")
        params.append(filters["start_date"])
    if filters.get("end_date"):
        clauses.append("received_at < %s")
        params.append(filters["end_date"])
    if filters.get("status") == "open":
        clauses.append("state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor')")
    elif filters.get("status") == "closed":
        clauses.append("state IN ('answered', 'forwarded', 'closed')")
    cur.execute(f"SELECT {PUBLIC_COLUMNS} FROM cases WHERE {' AND '.join(clauses)} ORDER BY received_at DESC "
                "LIMIT %s",
                (*params, limit))
    return cur.fetchall()


# -- answers --------------------------------------------------------------------------------------
def insert_answer(cur, answer):
    cur.execute("INSERT INTO answers (id, case_id, outcome, interim, text, exemption_article, state, submitted_by) "
                "VALUES (%(id)s, %(case_id)s, %(outcome)s, %(interim)s, %(text)s, %(exemption_article)s, "
                "'submitted', %(submitted_by)s)", answer)


def insert_answer_attachment(cur, attachment_id, answer_id, filename, content_type, content):
    cur.execute("INSERT INTO answer_attachments (id, answer_id, filename, content_type, size_bytes, content) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (str(attachment_id), str(answer_id), filename, content_type, len(content), content))


def answer_attachments(cur, answer_id):
    cur.execute("SELECT id, filename, content_type, size_bytes FROM answer_attachments WHERE answer_id = %s "
                "ORDER BY filename", (str(answer_id),))
    return cur.fetchall()


def answer_file(cur, file_id):
    cur.execute("SELECT filename, content_type, content FROM answer_attachments WHERE id = %s", (str(file_id),))
    return cur.fetchone()


def pending_answer(cur, case_id):
    cur.execute("SELECT id, outcome, interim, text, exemption_article, submitted_by FROM answers "
                "WHERE case_id = %s AND state = 'submitted' ORDER BY submitted_at DESC LIMIT 1", (str(case_id),))
    return cur.fetchone()


def review_answer(cur, answer_id, state, reviewer, comment=None):
    cur.execute("UPDATE answers SET state = %s, reviewed_by = %s, review_comment = %s WHERE id = %s",
                (state, reviewer, comment, str(answer_id)))


# -- deadline watcher -----------------------------------------------------------------------------
def due_query(column, paged):
    """The watcher's query: open cases not yet fully signalled whose `column` is on or before a day,
    in pages ordered by (date, id); it reads the partial indexes `cases_open_*_due`."""
    assert column in ("internal_due_on", "legal_due_on")
    page = f"AND ({column}, id) > (%s, %s) " if paged else ""
    return (f"SELECT {CASE_COLUMNS} FROM cases WHERE {column} <= %s {page}AND state IN "
            f"('triage', 'assigned', 'answer_submitted', 'awaiting_mayor') AND NOT watch_done "
            f"ORDER BY {column}, id LIMIT %s")


def open_cases_due_by(cur, column, day, limit, after=None):
    """A page of `due_query`: `after` is the (date, id) of the last case of the previous page."""
    cur.execute(due_query(column, after is not None),
                (day, *((after[0], str(after[1])) if after else ()), limit))
    return cur.fetchall()


def mark_watch_done(cur, case_id):
    cur.execute("UPDATE cases SET watch_done = true WHERE id = %s", (str(case_id),))


def claim_signal(cur, case_id, kind, level):
    """True the first time this signal is claimed for the case (and records it)."""
    cur.execute("INSERT INTO deadline_signals (case_id, kind, level) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                (str(case_id), kind, level))
    return cur.rowcount == 1


def count_open_by_directorate(cur, today):
    cur.execute("SELECT coalesce(directorate, 'triage') AS directorate, count(*) AS open, "
                "count(*) FILTER (WHERE internal_due_on < %s) AS past_internal, "
                "count(*) FILTER (WHERE legal_due_on < %s) AS past_legal FROM cases "
                "WHERE state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor') GROUP BY 1",
                (today, today))
    return cur.fetchall()


def forget_applicants(cur, application_ids, placeholder):
    """The subject and place of these applications' cases, and the reasons their failed notices quoted; how
    many cases."""
    ids = [str(i) for i in application_ids]
    cur.execute("UPDATE case_events SET details = details || jsonb_build_object('reason', %s::text) "
                "WHERE action = 'notice_failed' AND details ? 'reason' "
                "AND case_id IN (SELECT id FROM cases WHERE application_id = ANY(%s::uuid[]))", (placeholder, ids))
    cur.execute("UPDATE cases SET subject = %s, latitude = NULL, longitude = NULL, address_string = NULL, "
                "media_url = NULL WHERE application_id = ANY(%s::uuid[])", (placeholder, ids))
    return cur.rowcount
