"""Read the gateway's audit log straight from its database, as an auditor's query would."""
import psycopg2


def audit_actions(db_url, outcome=None):
    conn = psycopg2.connect(db_url)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT action FROM audit_log" + (" WHERE outcome = %s" if outcome else "") + " ORDER BY id",
                        (outcome,) if outcome else ())
            return [row[0] for row in cur.fetchall()]
    finally:
        conn.close()
