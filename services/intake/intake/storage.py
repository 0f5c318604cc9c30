"""Intake's SQL, and nothing else: every function takes an open cursor (dict rows)."""
import json

from psycopg2.extras import Json

APPLICATION_COLUMNS = (
    "id, tracking_number, status, channel, type, category, subject, body, neighbourhood, location, "
    "received_at, created_at, source_system, source_reference, submitted_by, request_hash, defects, "
    "possible_duplicate_of, anonymised_at, media_url")


def find_by_source(cur, source_system, source_reference):
    cur.execute(f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE source_system = %s AND source_reference = %s",
                (source_system, source_reference))
    return cur.fetchone()


def find_by_idempotency_key(cur, submitted_by, key):
    cur.execute(f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE submitted_by = %s AND idempotency_key = %s",
                (submitted_by, key))
    return cur.fetchone()


def get(cur, application_id):
    cur.execute(f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = %s", (str(application_id),))
    return cur.fetchone()


def get_by_tracking_number(cur, tracking_number):
    cur.execute(f"SELECT {APPLICATION_COLUMNS} FROM applications WHERE tracking_number = %s", (tracking_number,))
    return cur.fetchone()


def get_applicant(cur, application_id):
    cur.execute("SELECT full_name, tc_kimlik_no, email, phone, postal_address, preferred_reply_channel, "
                "hide_identity, signed FROM applicants WHERE application_id = %s", (str(application_id),))
    return cur.fetchone()


def list_attachments(cur, application_id):
    cur.execute("SELECT id, filename, content_type, size_bytes FROM attachments WHERE application_id = %s "
                "ORDER BY filename", (str(application_id),))
    return cur.fetchall()


def next_sequence(cur, year):
    """The next number of `year`. The counter row stays locked until the transaction ends, so
    numbers are handed out one transaction at a time and a rolled-back one is reused: no gaps."""
    cur.execute("INSERT INTO tracking_counters (year, last_value) VALUES (%s, 1) "
                "ON CONFLICT (year) DO UPDATE SET last_value = tracking_counters.last_value + 1 "
                "RETURNING last_value", (year,))
    return cur.fetchone()["last_value"]


def insert_application(cur, app):
    cur.execute(
        "INSERT INTO applications (id, tracking_number, status, channel, type, category, subject, body, "
        "neighbourhood, location, received_at, source_system, source_reference, submitted_by, idempotency_key, "
        "request_hash, defects, possible_duplicate_of, applicant_key, media_url) VALUES (%(id)s, "
        "%(tracking_number)s, "
        "%(status)s, %(channel)s, %(type)s, %(category)s, %(subject)s, %(body)s, %(neighbourhood)s, %(location)s, "
        "%(received_at)s, %(source_system)s, %(source_reference)s, %(submitted_by)s, %(idempotency_key)s, "
        "%(request_hash)s, %(defects)s, %(possible_duplicate_of)s, %(applicant_key)s, %(media_url)s)",
        {"media_url": None, **app, "location": Json(app["location"]) if app.get("location") else None,
         "defects": Json(app["defects"])})


def insert_applicant(cur, application_id, applicant):
    cur.execute(
        "INSERT INTO applicants (application_id, full_name, tc_kimlik_no, email, phone, postal_address, "
        "preferred_reply_channel, hide_identity, signed) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (str(application_id), applicant.get("full_name"), applicant.get("tc_kimlik_no"), applicant.get("email"),
         applicant.get("phone"), applicant.get("postal_address"), applicant.get("preferred_reply_channel"),
         applicant.get("hide_identity", False), applicant.get("signed", True)))


def insert_attachment(cur, attachment_id, application_id, filename, content_type, content):
    cur.execute("INSERT INTO attachments (id, application_id, filename, content_type, size_bytes, content) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                (str(attachment_id), str(application_id), filename, content_type, len(content), content))


def recent_by_applicant(cur, applicant_key, since):
    cur.execute("SELECT tracking_number, subject, body FROM applications "
                "WHERE applicant_key = %s AND received_at >= %s ORDER BY received_at DESC LIMIT 50",
                (applicant_key, since))
    return cur.fetchall()


def submitted_by_among(cur, tracking_numbers, submitted_by):
    """Which of `tracking_numbers` `submitted_by` submitted (what a duplicate hint may show them)."""
    if not tracking_numbers:
        return set()
    cur.execute("SELECT tracking_number FROM applications WHERE tracking_number = ANY(%s) AND submitted_by = %s",
                (list(tracking_numbers), submitted_by))
    return {row["tracking_number"] for row in cur.fetchall()}


def applications_of_person(cur, tc_kimlik_no=None, emails=(), phone_digits=None):
    """Applications whose applicant has this TC Kimlik No, one of these e-mails (compared trimmed, lowercased,
    I/İ/ı as i) or this phone (compared by its digits), oldest first, with the applicant data kept."""
    cur.execute(
        "SELECT a.id, a.tracking_number, a.type, a.channel, a.category, a.received_at, a.status, a.anonymised_at, "
        "p.full_name, p.tc_kimlik_no, p.email, p.phone, p.postal_address "
        "FROM applications a JOIN applicants p ON p.application_id = a.id "
        "WHERE (%(tckn)s::text IS NOT NULL AND btrim(p.tc_kimlik_no) = %(tckn)s) "
        "OR (cardinality(%(emails)s::text[]) > 0 "
        "    AND lower(translate(btrim(p.email), 'İIı', 'iii')) = ANY(%(emails)s::text[])) "
        "OR (%(phone)s::text IS NOT NULL AND regexp_replace(p.phone, '[^0-9]', '', 'g') = %(phone)s) "
        "ORDER BY a.received_at, a.tracking_number",
        {"tckn": tc_kimlik_no, "emails": list(emails), "phone": phone_digits})
    return cur.fetchall()


def not_processed_page(cur, after, limit):
    """Applications stored as not processed, by id after `after` (None: from the first): id, type, channel,
    received_at and defects, nothing of the applicant."""
    cur.execute("SELECT id, type, channel, received_at, defects FROM applications WHERE status = 'not_processed' "
                "AND (%(after)s::uuid IS NULL OR id > %(after)s::uuid) ORDER BY id LIMIT %(limit)s",
                {"after": after, "limit": limit})
    return cur.fetchall()


def seed_neighbourhoods(cur, names, fold):
    for name in names:
        cur.execute("INSERT INTO neighbourhoods (name, folded) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    (name, fold(name)))


def neighbourhood_by_folded_name(cur, folded):
    cur.execute("SELECT name FROM neighbourhoods WHERE folded = %s", (folded,))
    row = cur.fetchone()
    return row["name"] if row else None


def count_neighbourhoods(cur):
    cur.execute("SELECT count(*) AS n FROM neighbourhoods")
    return cur.fetchone()["n"]


def as_json(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
