"""Press's SQL for press conferences' materials and their sharing. Every function takes an open cursor."""

_MATERIAL = "id, event_id, title, filename, content_type, size, created_by, created_at"
_SHARE = "id, event_id, audience, note, material_ids, recipients, without_email, shared_by, shared_at"


def add_material(cur, material):
    cur.execute("INSERT INTO conference_materials (id, event_id, title, filename, content_type, size, content, "
                "created_by) VALUES (%(id)s, %(event_id)s, %(title)s, %(filename)s, %(content_type)s, %(size)s, "
                f"%(content)s, %(created_by)s) RETURNING {_MATERIAL}", material)
    return cur.fetchone()


def materials(cur, event_id):
    cur.execute(f"SELECT {_MATERIAL} FROM conference_materials WHERE event_id = %s ORDER BY created_at, id",
                (str(event_id),))
    return cur.fetchall()


def remove_material(cur, event_id, material_id):
    cur.execute("DELETE FROM conference_materials WHERE id = %s AND event_id = %s", (str(material_id), str(event_id)))
    return cur.rowcount == 1


def material_content(cur, material_id):
    cur.execute("SELECT filename, content_type, content FROM conference_materials WHERE id = %s", (str(material_id),))
    return cur.fetchone()


def add_share(cur, share):
    cur.execute("INSERT INTO conference_shares (id, event_id, audience, note, material_ids, recipients, without_email, "
                "shared_by) VALUES (%(id)s, %(event_id)s, %(audience)s, %(note)s, %(material_ids)s::uuid[], "
                f"%(recipients)s, %(without_email)s, %(shared_by)s) RETURNING {_SHARE}",
                {**share, "material_ids": [str(i) for i in share["material_ids"]]})
    return cur.fetchone()


def shares(cur, event_id):
    cur.execute(f"SELECT {_SHARE} FROM conference_shares WHERE event_id = %s ORDER BY shared_at", (str(event_id),))
    return cur.fetchall()
