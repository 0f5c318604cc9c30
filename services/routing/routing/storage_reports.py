"""The reports' SQL, and nothing else: every function takes an open cursor (dict rows)."""

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
