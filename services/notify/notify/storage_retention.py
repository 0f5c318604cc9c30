"""The SQL of the KVKK destruction run (see `retention`): every function takes an open cursor (dict rows)
and the application ids as strings. Nothing here logs or returns personal data, only counts and ids."""
from psycopg2.extras import execute_values

MARKER = "anonimleştirildi"  # in place of an applicant's address
REASON = "kişisel veri imha edildi"  # why a message waiting to go out never will
# addresses that are not the applicant's: a webhook's subscription id, a directorate's mailbox
KEEPS_RECIPIENT = "(channel = 'webhook' OR kind = 'staff_notice')"


def delete_applicants(cur, application_ids):
    """The contact read model (name, e-mail, phone, postal address, preferred channel, subject)."""
    cur.execute("DELETE FROM applicants WHERE application_id = ANY(%s::uuid[])", (application_ids,))
    return cur.rowcount


def cancel_waiting(cur, application_ids):
    """Messages still queued (or waiting for the post room) never go out: failed, with the reason."""
    cur.execute("UPDATE notifications SET status = 'failed', last_error = %s WHERE application_id = ANY(%s::uuid[]) "
                "AND status IN ('queued', 'post')", (REASON, application_ids))
    return cur.rowcount


def scrub_messages(cur, application_ids, run_id):
    """Addresses, subjects, texts, attachment names and the address inside the dedupe key of every message
    of the applications are cleared; kind, channel, status, times, attempts, tracking number and the
    ids stay. A webhook keeps its event id (its subject) and subscription, a staff notice its mailbox."""
    cur.execute(
        "UPDATE notifications SET "
        f"recipient = CASE WHEN {KEEPS_RECIPIENT} THEN recipient ELSE %(marker)s END, "
        "subject = CASE WHEN channel = 'webhook' THEN subject ELSE '' END, body = '', attachments = '[]', "
        "dedupe_key = split_part(dedupe_key, ':', 1) || ':imha:' || id::text, "
        "personal_data_destroyed_at = coalesce(personal_data_destroyed_at, clock_timestamp()), "
        "destruction_run_id = coalesce(destruction_run_id, %(run_id)s::uuid) "
        "WHERE application_id = ANY(%(ids)s::uuid[])",
        {"marker": MARKER, "run_id": str(run_id), "ids": application_ids})
    return cur.rowcount


def recorded_answers(cur, application_ids):
    """The channels' recorded answers of the applications' messages (a refusal may quote the address)."""
    cur.execute("SELECT id, last_error, provider_response FROM notifications WHERE application_id = ANY(%s::uuid[]) "
                "AND (last_error IS NOT NULL OR provider_response IS NOT NULL) FOR UPDATE",
                (application_ids,))
    return cur.fetchall()


def replace_answers(cur, rows):
    """`rows`: (id, last_error, provider_response)."""
    if rows:
        execute_values(cur, "UPDATE notifications n SET last_error = v.last_error, "
                            "provider_response = v.provider_response FROM (VALUES %s) AS v (id, last_error, "
                            "provider_response) WHERE n.id = v.id::uuid", [(str(a), b, c) for a, b, c in rows])


def reported_failures(cur, application_ids):
    """The `notification_failed` events in the outbox about the applications, with their reasons."""
    cur.execute("SELECT id, envelope -> 'payload' ->> 'reason' AS reason FROM outbox "
                "WHERE event_type = 'notification_failed' AND envelope -> 'payload' ->> 'application_id' = ANY(%s) "
                "FOR UPDATE", (application_ids,))
    return cur.fetchall()


def replace_reported_reasons(cur, rows):
    """`rows`: (outbox id, reason)."""
    for outbox_id, reason in rows:
        cur.execute("UPDATE outbox SET envelope = jsonb_set(envelope, '{payload,reason}', to_jsonb(%s::text)) "
                    "WHERE id = %s", (reason, outbox_id))
