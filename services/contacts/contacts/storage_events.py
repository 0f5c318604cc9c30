"""Contacts' SQL for segments, imports, events, invitations and seats, and nothing else: every function
takes an open cursor (dict rows)."""
from psycopg2.extras import Json

SEGMENT_COLUMNS = "id, name, kind, filter, created_by, created_at, updated_at"
IMPORT_COLUMNS = ("id, format, filename, dry_run, status, total_rows, processed_rows, created, updated, skipped, "
                  "errors, started_by, started_at, finished_at")
EVENT_COLUMNS = "id, kind, title, starts_at, place, rows, status, speaking_order, created_by, created_at"
INVITATION_COLUMNS = "id, event_id, contact_id, status, invited_at, replied_at, replied_by, checked_in_at"


# -- segments -------------------------------------------------------------------------------------
def insert_segment(cur, segment):
    cur.execute("INSERT INTO segments (id, name, kind, filter, created_by) VALUES (%(id)s, %(name)s, %(kind)s, "
                "%(filter)s, %(created_by)s) ON CONFLICT (name) DO NOTHING RETURNING id",
                {**segment, "filter": Json(segment["filter"]) if segment.get("filter") is not None else None})
    return cur.fetchone() is not None


def segment(cur, segment_id, lock=False):
    cur.execute(f"SELECT {SEGMENT_COLUMNS} FROM segments WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                (str(segment_id),))
    return cur.fetchone()


def segments(cur):
    cur.execute(f"SELECT {SEGMENT_COLUMNS}, (SELECT count(*) FROM segment_members m WHERE m.segment_id = s.id) "
                "AS fixed_members FROM segments s ORDER BY name")
    return cur.fetchall()


def update_segment(cur, segment_id, name, filter_):
    cur.execute("UPDATE segments SET name = %s, filter = %s, updated_at = now() WHERE id = %s",
                (name, Json(filter_) if filter_ is not None else None, str(segment_id)))


def touch_segment(cur, segment_id):
    cur.execute("UPDATE segments SET updated_at = now() WHERE id = %s", (str(segment_id),))


def delete_segment(cur, segment_id):
    cur.execute("DELETE FROM segments WHERE id = %s", (str(segment_id),))


def add_members(cur, segment_id, contact_ids, by):
    cur.execute("INSERT INTO segment_members (segment_id, contact_id, added_by) SELECT %s, id, %s FROM contacts "
                "WHERE id = ANY(%s::uuid[]) AND merged_into IS NULL ON CONFLICT DO NOTHING",
                (str(segment_id), by, [str(i) for i in contact_ids]))
    return cur.rowcount


def remove_members(cur, segment_id, contact_ids):
    cur.execute("DELETE FROM segment_members WHERE segment_id = %s AND contact_id = ANY(%s::uuid[])",
                (str(segment_id), [str(i) for i in contact_ids]))
    return cur.rowcount


def fixed_member_ids(cur, segment_id):
    cur.execute("SELECT m.contact_id FROM segment_members m JOIN contacts c ON c.id = m.contact_id "
                "WHERE m.segment_id = %s ORDER BY c.name_key, c.id", (str(segment_id),))
    return [row["contact_id"] for row in cur.fetchall()]


def move_memberships(cur, from_id, to_id):
    cur.execute("INSERT INTO segment_members (segment_id, contact_id, added_by, added_at) SELECT segment_id, %s, "
                "added_by, added_at FROM segment_members WHERE contact_id = %s ON CONFLICT DO NOTHING",
                (str(to_id), str(from_id)))
    cur.execute("DELETE FROM segment_members WHERE contact_id = %s", (str(from_id),))


# -- imports --------------------------------------------------------------------------------------
def insert_import(cur, job):
    cur.execute("INSERT INTO imports (id, format, filename, dry_run, status, content, started_by) VALUES "
                "(%(id)s, %(format)s, %(filename)s, %(dry_run)s, 'running', %(content)s, %(started_by)s)", job)


def import_job(cur, import_id):
    cur.execute(f"SELECT {IMPORT_COLUMNS} FROM imports WHERE id = %s", (str(import_id),))
    return cur.fetchone()


def running_import_ids(cur):
    cur.execute("SELECT id FROM imports WHERE status = 'running' ORDER BY started_at")
    return [row["id"] for row in cur.fetchall()]


def import_content(cur, import_id):
    cur.execute("SELECT format, dry_run, content FROM imports WHERE id = %s AND status = 'running'",
                (str(import_id),))
    return cur.fetchone()


def claim_import(cur, import_id):
    """The running import, locked for this batch; None when done or another worker holds it."""
    cur.execute(f"SELECT {IMPORT_COLUMNS} FROM imports WHERE id = %s AND status = 'running' "
                "FOR UPDATE SKIP LOCKED", (str(import_id),))
    return cur.fetchone()


def save_progress(cur, import_id, progress, status="running"):
    cur.execute("UPDATE imports SET total_rows = %(total_rows)s, processed_rows = %(processed_rows)s, "
                "created = %(created)s, updated = %(updated)s, skipped = %(skipped)s, errors = %(errors)s, "
                "status = %(status)s, finished_at = CASE WHEN %(status)s = 'running' THEN NULL ELSE now() END, "
                "content = CASE WHEN %(status)s = 'running' THEN content ELSE NULL END WHERE id = %(id)s",
                {**progress, "errors": Json(progress["errors"]), "status": status, "id": str(import_id)})


# -- events, invitations, seats -------------------------------------------------------------------
def insert_event(cur, event):
    cur.execute("INSERT INTO events (id, kind, title, starts_at, place, rows, created_by) VALUES (%(id)s, %(kind)s, "
                "%(title)s, %(starts_at)s, %(place)s, %(rows)s, %(created_by)s)",
                {**event, "rows": Json(event["rows"])})


def event(cur, event_id, lock=False):
    cur.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                (str(event_id),))
    return cur.fetchone()


def events(cur, limit, offset):
    cur.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY starts_at DESC, id LIMIT %s OFFSET %s", (limit, offset))
    return cur.fetchall()


def set_speaking_order(cur, event_id, contact_ids):
    cur.execute("UPDATE events SET speaking_order = %s::uuid[] WHERE id = %s",
                (None if contact_ids is None else [str(i) for i in contact_ids], str(event_id)))


def insert_invitation(cur, invitation):
    cur.execute("INSERT INTO invitations (id, event_id, contact_id, invited_by) VALUES (%(id)s, %(event_id)s, "
                "%(contact_id)s, %(invited_by)s) ON CONFLICT (event_id, contact_id) DO NOTHING RETURNING id",
                {key: str(value) for key, value in invitation.items()})
    return cur.fetchone() is not None


def invitation(cur, invitation_id, lock=False):
    cur.execute(f"SELECT {INVITATION_COLUMNS} FROM invitations WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                (str(invitation_id),))
    return cur.fetchone()


def invitation_of(cur, event_id, contact_id, lock=False):
    cur.execute(f"SELECT {INVITATION_COLUMNS} FROM invitations WHERE event_id = %s AND contact_id = %s"
                + (" FOR UPDATE" if lock else ""), (str(event_id), str(contact_id)))
    return cur.fetchone()


def invitations(cur, event_id, statuses=None):
    cur.execute(f"SELECT {INVITATION_COLUMNS} FROM invitations WHERE event_id = %s"
                + (" AND status = ANY(%s)" if statuses else "") + " ORDER BY invited_at, id",
                (str(event_id), list(statuses)) if statuses else (str(event_id),))
    return cur.fetchall()


def invitations_of_contact(cur, contact_id):
    cur.execute(f"SELECT {INVITATION_COLUMNS} FROM invitations WHERE contact_id = %s FOR UPDATE", (str(contact_id),))
    return cur.fetchall()


def record_reply(cur, invitation_id, status, by):
    cur.execute("UPDATE invitations SET status = %s, replied_at = now(), replied_by = %s WHERE id = %s "
                "RETURNING replied_at", (status, by, str(invitation_id)))
    return cur.fetchone()["replied_at"]


def check_in(cur, invitation_id):
    cur.execute("UPDATE invitations SET checked_in_at = coalesce(checked_in_at, now()) WHERE id = %s "
                "RETURNING checked_in_at", (str(invitation_id),))
    return cur.fetchone()["checked_in_at"]


def move_invitation(cur, invitation_id, to_contact):
    """Give an invitation to another record (a merge)."""
    cur.execute("UPDATE invitations SET contact_id = %s WHERE id = %s", (str(to_contact), str(invitation_id)))


def take_over_answer(cur, invitation_id, answer):
    cur.execute("UPDATE invitations SET status = %(status)s, replied_at = %(replied_at)s, replied_by = "
                "%(replied_by)s, checked_in_at = coalesce(checked_in_at, %(checked_in_at)s) WHERE id = %(id)s",
                {**answer, "id": str(invitation_id)})


def delete_invitation(cur, invitation_id):
    cur.execute("DELETE FROM invitations WHERE id = %s", (str(invitation_id),))


def seats(cur, event_id):
    cur.execute("SELECT row, seat, contact_id, reserved FROM seats WHERE event_id = %s ORDER BY row, seat",
                (str(event_id),))
    return cur.fetchall()


def replace_seats(cur, event_id, plan):
    """The whole plan at once: [{"row", "seat", "contact_id" (None: blocked), "reserved"}]."""
    cur.execute("DELETE FROM seats WHERE event_id = %s", (str(event_id),))
    for seat in plan:
        cur.execute("INSERT INTO seats (event_id, row, seat, contact_id, reserved) VALUES (%s, %s, %s, %s, %s)",
                    (str(event_id), seat["row"], seat["seat"],
                     str(seat["contact_id"]) if seat["contact_id"] else None, bool(seat["reserved"])))


def move_seats(cur, from_id, to_id):
    """A merged record's seats go to the kept one, except where the kept one has a seat already."""
    cur.execute("UPDATE seats SET contact_id = %s WHERE contact_id = %s AND event_id NOT IN "
                "(SELECT event_id FROM seats WHERE contact_id = %s)", (str(to_id), str(from_id), str(to_id)))
    cur.execute("DELETE FROM seats WHERE contact_id = %s", (str(from_id),))


def replace_in_speaking_orders(cur, from_id, to_id):
    cur.execute("UPDATE events SET speaking_order = array_replace(speaking_order, %s::uuid, %s::uuid) "
                "WHERE %s::uuid = ANY(speaking_order)", (str(from_id), str(to_id), str(from_id)))
