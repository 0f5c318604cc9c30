"""Press's SQL for releases, their versions, photos and comments: every function takes an open cursor."""
from psycopg2.extras import Json

_RELEASE = ("id, state, version, title, summary, body, url, embargo_until, segment_id, created_by, created_at, "
            "updated_at, submitted_at, approved_at, approved_by, published_at, recipients")
_PHOTO = "id, release_id, filename, content_type, size, caption, added_by, added_at"


def insert_release(cur, release):
    cur.execute("INSERT INTO releases (id, title, summary, body, url, embargo_until, segment_id, created_by, "
                "created_at, updated_at) VALUES (%(id)s, %(title)s, %(summary)s, %(body)s, %(url)s, "
                "%(embargo_until)s, %(segment_id)s, %(created_by)s, %(now)s, %(now)s)", release)


def release(cur, release_id, lock=False, skip_locked=False):
    cur.execute(f"SELECT {_RELEASE} FROM releases WHERE id = %s"
                + (" FOR UPDATE" if lock else "") + (" SKIP LOCKED" if lock and skip_locked else ""),
                (str(release_id),))
    return cur.fetchone()


def releases(cur, state=None, limit=50, offset=0):
    cur.execute(f"SELECT {_RELEASE}, count(*) OVER () AS total FROM releases"
                + (" WHERE state = %(state)s" if state else "")
                + " ORDER BY coalesce(published_at, updated_at) DESC, id LIMIT %(limit)s OFFSET %(offset)s",
                {"state": state, "limit": limit, "offset": offset})
    return cur.fetchall()


def published_releases(cur, limit):
    cur.execute(f"SELECT {_RELEASE} FROM releases WHERE state = 'yayimlandi' "
                "ORDER BY published_at DESC LIMIT %s", (limit,))
    return cur.fetchall()


def due_releases(cur, now, limit=100):
    """Approved releases whose embargo (if any) has passed by `now`, oldest embargo first."""
    cur.execute("SELECT id, segment_id FROM releases WHERE state = 'onaylandi' "
                "AND (embargo_until IS NULL OR embargo_until <= %s) ORDER BY embargo_until NULLS FIRST LIMIT %s",
                (now, limit))
    return cur.fetchall()


def save_version(cur, release_id, snapshot, segment_id):
    """The version an edit replaced, as it was."""
    cur.execute("INSERT INTO release_versions (release_id, version, title, summary, body, url, embargo_until, "
                "segment_id, photos, replaced_at, replaced_by) VALUES (%(release_id)s, %(version)s, %(title)s, "
                "%(summary)s, %(body)s, %(url)s, %(embargo_until)s, %(segment_id)s, %(photos)s, %(replaced_at)s, "
                "%(by)s)", {**snapshot, "release_id": str(release_id), "segment_id": segment_id,
                            "photos": Json(snapshot.get("photos") or [])})


def update_content(cur, release_id, release, segment_id, now):
    cur.execute("UPDATE releases SET version = %(version)s, title = %(title)s, summary = %(summary)s, "
                "body = %(body)s, url = %(url)s, embargo_until = %(embargo_until)s, segment_id = %(segment_id)s, "
                "updated_at = %(now)s WHERE id = %(id)s",
                {**release, "segment_id": segment_id, "now": now, "id": str(release_id)})


def update_state(cur, release_id, release, now):
    cur.execute("UPDATE releases SET state = %(state)s, submitted_at = %(submitted_at)s, "
                "approved_at = %(approved_at)s, approved_by = %(approved_by)s, published_at = %(published_at)s, "
                "updated_at = %(now)s WHERE id = %(id)s", {**release, "now": now, "id": str(release_id)})


def set_recipients(cur, release_id, recipients):
    cur.execute("UPDATE releases SET recipients = %s WHERE id = %s", (Json(recipients), str(release_id)))


def versions(cur, release_id):
    cur.execute("SELECT version, title, summary, body, url, embargo_until, segment_id, photos, replaced_at, "
                "replaced_by FROM release_versions WHERE release_id = %s ORDER BY version", (str(release_id),))
    return cur.fetchall()


def add_comment(cur, release_id, comment):
    cur.execute("INSERT INTO release_comments (release_id, version, author, text, at) VALUES "
                "(%s, %s, %s, %s, %s)", (str(release_id), comment["version"], comment["by"], comment["text"],
                                         comment["at"]))


def comments(cur, release_id):
    cur.execute("SELECT version, author AS by, text, at FROM release_comments WHERE release_id = %s ORDER BY id",
                (str(release_id),))
    return cur.fetchall()


def add_photo(cur, photo):
    cur.execute("INSERT INTO release_photos (id, release_id, filename, content_type, size, caption, content, "
                "added_by, added_at) VALUES (%(id)s, %(release_id)s, %(filename)s, %(content_type)s, %(size)s, "
                "%(caption)s, %(content)s, %(added_by)s, %(added_at)s)", photo)


def remove_photo(cur, release_id, photo_id):
    cur.execute("DELETE FROM release_photos WHERE id = %s AND release_id = %s", (str(photo_id), str(release_id)))
    return cur.rowcount == 1


def photos(cur, release_ids):
    """`{release_id: [photo, …]}` (without contents), each release's photos in the order added."""
    cur.execute(f"SELECT {_PHOTO} FROM release_photos WHERE release_id = ANY(%s::uuid[]) ORDER BY seq",
                ([str(i) for i in release_ids],))
    found = {}
    for row in cur.fetchall():
        found.setdefault(row["release_id"], []).append(row)
    return found


def photo_content(cur, photo_id, published_only=False):
    """A photo's file; with `published_only`, only if its release has been published."""
    cur.execute("SELECT p.filename, p.content_type, p.content FROM release_photos p "
                + ("JOIN releases r ON r.id = p.release_id AND r.state = 'yayimlandi' " if published_only else "")
                + "WHERE p.id = %s", (str(photo_id),))
    return cur.fetchone()


# -- following the information bank --------------------------------------------------------------------
def forget_recipient(cur, contact_id):
    """The contact's name and address leave every release's recipient list; their entry stays, marked
    `removed`, so the lists still count what was sent. Returns how many releases changed."""
    cur.execute("UPDATE releases SET recipients = (SELECT jsonb_agg(CASE WHEN r->>'contact_id' = %(id)s "
                "THEN jsonb_build_object('contact_id', NULL, 'full_name', NULL, 'email', NULL, 'removed', true) "
                "ELSE r END ORDER BY n) FROM jsonb_array_elements(recipients) WITH ORDINALITY AS e(r, n)) "
                "WHERE recipients @> jsonb_build_array(jsonb_build_object('contact_id', %(id)s::text))",
                {"id": str(contact_id)})
    return cur.rowcount


def rename_recipient(cur, contact_id, merged_into):
    """A merged record's entries name the record kept."""
    cur.execute("UPDATE releases SET recipients = (SELECT jsonb_agg(CASE WHEN r->>'contact_id' = %(id)s "
                "THEN jsonb_set(r, '{contact_id}', to_jsonb(%(into)s::text)) ELSE r END ORDER BY n) "
                "FROM jsonb_array_elements(recipients) WITH ORDINALITY AS e(r, n)) "
                "WHERE recipients @> jsonb_build_array(jsonb_build_object('contact_id', %(id)s::text))",
                {"id": str(contact_id), "into": str(merged_into)})
    return cur.rowcount


def unpublished_for_segment(cur, segment_id):
    cur.execute("SELECT id, version FROM releases WHERE segment_id = %s AND state <> 'yayimlandi' FOR UPDATE",
                (segment_id,))
    return cur.fetchall()
