"""The reports' SQL, and nothing else: every function takes an open cursor (dict rows)."""
import json

# a case, its approved final answer and its forwarding: what `report_figures` reads
REPORT_QUERY = """
SELECT c.tracking_number, c.subject, c.category, c.neighbourhood, c.state, c.legal_due_on, c.answered_at,
       a.outcome, a.text AS answer_text, a.exemption_article,
       f.at AS forwarded_at, f.details->>'institution' AS forwarded_to, f.details->>'reason' AS forward_reason
FROM cases c
LEFT JOIN LATERAL (SELECT outcome, text, exemption_article FROM answers
                   WHERE case_id = c.id AND state = 'approved' AND NOT interim
                   ORDER BY submitted_at DESC LIMIT 1) a ON true
LEFT JOIN LATERAL (SELECT at, details FROM case_events
                   WHERE case_id = c.id AND action = 'forward' ORDER BY id DESC LIMIT 1) f ON true
WHERE c.{column} = %s AND c.received_at >= %s AND c.received_at < %s
ORDER BY c.received_at, c.tracking_number
"""


def cases_received(cur, column, value, start, end):
    """Cases whose `column` ("channel" or "type") is `value`, received in [start, end) (aware moments);
    it reads the indexes `cases_channel_received` and `cases_type_received`."""
    assert column in ("channel", "type")
    cur.execute(REPORT_QUERY.format(column=column), (value, start, end))
    return cur.fetchall()


# -- applications intake did not process: the read model of its application_not_processed events --------
def record_not_processed(cur, application):
    """Keep one application not processed (`application_id`, `type`, `channel`, `received_at`, `reasons`);
    True when it was new (the event and the history load may both bring it)."""
    cur.execute("INSERT INTO not_processed (application_id, type, channel, received_at, reasons) "
                "VALUES (%(application_id)s, %(type)s, %(channel)s, %(received_at)s, %(reasons)s::jsonb) "
                "ON CONFLICT (application_id) DO NOTHING",
                {**application, "application_id": str(application["application_id"]),
                 "reasons": json.dumps(application["reasons"], ensure_ascii=False)})
    return cur.rowcount == 1


def not_processed_received(cur, application_type, start, end):
    """Applications of a type not processed, received in [start, end): how many, and how many per defect
    (one application may have several): `(total, [{"code", "reason", "article", "count"}])`."""
    params = (application_type, start, end)
    cur.execute("SELECT count(*) AS n FROM not_processed WHERE type = %s AND received_at >= %s AND received_at < %s",
                params)
    total = cur.fetchone()["n"]
    cur.execute("SELECT d->>'code' AS code, max(d->>'message') AS reason, max(d->>'article') AS article, "
                "count(*) AS count FROM not_processed n CROSS JOIN LATERAL jsonb_array_elements(n.reasons) d "
                "WHERE n.type = %s AND n.received_at >= %s AND n.received_at < %s "
                "GROUP BY 1 ORDER BY count DESC, code", params)
    return total, cur.fetchall()


def history_loaded(cur, name):
    cur.execute("SELECT 1 FROM history_loads WHERE name = %s", (name,))
    return cur.fetchone() is not None


def mark_history_loaded(cur, name, rows):
    cur.execute("INSERT INTO history_loads (name, rows) VALUES (%s, %s) ON CONFLICT DO NOTHING", (name, rows))
