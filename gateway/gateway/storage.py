"""The gateway's SQL, and nothing else: every function takes an open cursor (dict rows)."""

USER_COLUMNS = "id, username, display_name, password_hash, role, directorate, active, password_changed_at"


# -- staff --------------------------------------------------------------------------------------
def count_users(cur):
    cur.execute("SELECT count(*) AS n FROM staff_users")
    return cur.fetchone()["n"]


def user_by_username(cur, username):
    cur.execute(f"SELECT {USER_COLUMNS} FROM staff_users WHERE username = %s", (username,))
    return cur.fetchone()


def user_by_id(cur, user_id):
    cur.execute(f"SELECT {USER_COLUMNS} FROM staff_users WHERE id = %s", (str(user_id),))
    return cur.fetchone()


def insert_user(cur, user):
    cur.execute("INSERT INTO staff_users (id, username, display_name, password_hash, role, directorate) "
                "VALUES (%(id)s, %(username)s, %(display_name)s, %(password_hash)s, %(role)s, %(directorate)s)", user)


def set_user_active(cur, username, active):
    cur.execute("UPDATE staff_users SET active = %s WHERE username = %s RETURNING id", (active, username))
    return cur.fetchone()


def sign_in_locked_seconds(cur, username):
    """Seconds until the user name may sign in again, or None when it is not locked."""
    cur.execute("SELECT ceil(extract(epoch FROM locked_until - now()))::integer AS seconds FROM sign_in_failures "
                "WHERE username = %s AND locked_until > now()", (username,))
    row = cur.fetchone()
    return None if row is None else max(1, row["seconds"])


def record_failed_sign_in(cur, username, lock_after, lock_seconds):
    """One more failure for the user name (an account's or not); locked for `lock_seconds` from the
    `lock_after`th on."""
    cur.execute(
        "INSERT INTO sign_in_failures AS f (username, failed_sign_ins, locked_until) "
        "VALUES (%(username)s, 1, CASE WHEN 1 >= %(after)s THEN now() + make_interval(secs => %(seconds)s) END) "
        "ON CONFLICT (username) DO UPDATE SET failed_sign_ins = f.failed_sign_ins + 1, last_failed_at = now(), "
        "locked_until = CASE WHEN f.failed_sign_ins + 1 >= %(after)s THEN now() + make_interval(secs => %(seconds)s) "
        "ELSE f.locked_until END RETURNING failed_sign_ins, locked_until",
        {"username": username, "after": lock_after, "seconds": lock_seconds})
    return cur.fetchone()


def record_sign_in(cur, user, new_hash=None):
    cur.execute("DELETE FROM sign_in_failures WHERE username = %s", (user["username"],))
    if new_hash is not None:
        cur.execute("UPDATE staff_users SET password_hash = %s WHERE id = %s", (new_hash, str(user["id"])))


def forget_old_sign_in_failures(cur, older_than_seconds):
    """Failures nobody added to for a while, and no longer locking, are forgotten (a sprayed list of
    guessed names must not grow the table for ever)."""
    cur.execute("DELETE FROM sign_in_failures WHERE last_failed_at < now() - make_interval(secs => %s) "
                "AND (locked_until IS NULL OR locked_until < now())", (older_than_seconds,))


def set_password(cur, user_id, password_hash):
    cur.execute("UPDATE staff_users SET password_hash = %s, password_changed_at = now() WHERE id = %s",
                (password_hash, str(user_id)))


# -- refresh tokens -----------------------------------------------------------------------------
def insert_refresh_token(cur, token_id, user_id, family_id, token_hash, lifetime_seconds):
    cur.execute("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) "
                "VALUES (%s, %s, %s, %s, now() + make_interval(secs => %s))",
                (str(token_id), str(user_id), str(family_id), token_hash, lifetime_seconds))


def refresh_token_by_hash(cur, token_hash):
    cur.execute("SELECT id, user_id, family_id, expires_at, revoked_at, expires_at < now() AS expired "
                "FROM refresh_tokens WHERE token_hash = %s FOR UPDATE", (token_hash,))
    return cur.fetchone()


def revoke_refresh_token(cur, token_id):
    cur.execute("UPDATE refresh_tokens SET revoked_at = now() WHERE id = %s AND revoked_at IS NULL", (str(token_id),))


def revoke_family(cur, family_id):
    cur.execute("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = %s AND revoked_at IS NULL",
                (str(family_id),))


def revoke_all_for_user(cur, user_id):
    cur.execute("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = %s AND revoked_at IS NULL",
                (str(user_id),))


# -- API clients --------------------------------------------------------------------------------
def insert_client(cur, client_id, name, scopes):
    cur.execute("INSERT INTO api_clients (client_id, name, scopes) VALUES (%s, %s, %s)", (client_id, name, scopes))


def client(cur, client_id):
    cur.execute("SELECT client_id, name, scopes, active FROM api_clients WHERE client_id = %s", (client_id,))
    return cur.fetchone()


def set_client_active(cur, client_id, active):
    cur.execute("UPDATE api_clients SET active = %s WHERE client_id = %s RETURNING client_id", (active, client_id))
    return cur.fetchone()


def insert_client_key(cur, key_id, client_id, secret_hash):
    cur.execute("INSERT INTO api_client_keys (key_id, client_id, secret_hash) VALUES (%s, %s, %s)",
                (key_id, client_id, secret_hash))


def retire_client_keys(cur, client_id, overlap_seconds, keep_key_id):
    """Every other active key of the client stops working `overlap_seconds` from now."""
    cur.execute("UPDATE api_client_keys SET not_after = now() + make_interval(secs => %s) "
                "WHERE client_id = %s AND key_id <> %s AND active AND (not_after IS NULL OR not_after > now() + "
                "make_interval(secs => %s))", (overlap_seconds, client_id, keep_key_id, overlap_seconds))


def client_key(cur, client_id, key_id):
    cur.execute("SELECT k.key_id, k.secret_hash, k.active AND c.active AS active, "
                "extract(epoch FROM k.not_after) AS not_after, c.scopes "
                "FROM api_client_keys k JOIN api_clients c USING (client_id) "
                "WHERE k.client_id = %s AND k.key_id = %s", (client_id, key_id))
    return cur.fetchone()


def client_of_key(cur, key_id):
    cur.execute("SELECT client_id FROM api_client_keys WHERE key_id = %s", (key_id,))
    row = cur.fetchone()
    return row["client_id"] if row else None


def remember_nonce(cur, client_id, nonce):
    """True if the nonce is new for this client (and now remembered), False if it was seen."""
    cur.execute("INSERT INTO seen_nonces (client_id, nonce) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (client_id, nonce))
    return cur.rowcount == 1


def forget_old_nonces(cur, older_than_seconds):
    cur.execute("DELETE FROM seen_nonces WHERE seen_at < now() - make_interval(secs => %s)", (older_than_seconds,))


# -- audit --------------------------------------------------------------------------------------
def insert_audit(cur, entry):
    cur.execute("INSERT INTO audit_log (actor_kind, actor_id, role, action, object_type, object_id, personal_data, "
                "outcome, address, correlation_id) VALUES (%(actor_kind)s, %(actor_id)s, %(role)s, %(action)s, "
                "%(object_type)s, %(object_id)s, %(personal_data)s, %(outcome)s, %(address)s, %(correlation_id)s)",
                entry)


def query_audit(cur, filters, limit, before_id=None):
    clauses, params = [], []
    for column in ("actor_id", "action", "object_type", "object_id", "outcome"):
        if filters.get(column):
            clauses.append(f"{column} = %s")
            params.append(filters[column])
    if filters.get("since"):
        clauses.append("at >= %s")
        params.append(filters["since"])
    if filters.get("until"):
        clauses.append("at < %s")
        params.append(filters["until"])
    if before_id:
        clauses.append("id < %s")
        params.append(before_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    cur.execute(f"SELECT id, at, actor_kind, actor_id, role, action, object_type, object_id, personal_data, outcome, "
                f"address, correlation_id FROM audit_log {where} ORDER BY id DESC LIMIT %s", (*params, limit))
    return cur.fetchall()


# -- wall screens ---------------------------------------------------------------------------------------
def insert_screen(cur, screen_id, name, key_hash):
    cur.execute("INSERT INTO screens (id, name, key_hash) VALUES (%s, %s, %s)", (str(screen_id), name, key_hash))


def revoke_screen(cur, screen_id):
    cur.execute("UPDATE screens SET revoked_at = now() WHERE id::text = %s AND revoked_at IS NULL", (str(screen_id),))
    return cur.rowcount == 1


def screens(cur):
    cur.execute("SELECT id, name, created_at, last_seen_at, revoked_at FROM screens ORDER BY created_at")
    return cur.fetchall()


def screen_seen(cur, key_hash):
    """The active screen with this key, its visit recorded (at most once a minute, to spare writes)."""
    cur.execute("UPDATE screens SET last_seen_at = now() WHERE key_hash = %s AND revoked_at IS NULL "
                "AND (last_seen_at IS NULL OR last_seen_at < now() - interval '1 minute') RETURNING id, name",
                (key_hash,))
    row = cur.fetchone()
    if row is None:
        cur.execute("SELECT id, name FROM screens WHERE key_hash = %s AND revoked_at IS NULL", (key_hash,))
        row = cur.fetchone()
    return row
