"""Notify's SQL, and nothing else: every function takes an open cursor (dict rows)."""
from psycopg2.extras import Json

from .storage_retention import REASON as DESTROYED

# a message whose personal data was destroyed while it was being sent is not queued again
_REQUEUED = "CASE WHEN personal_data_destroyed_at IS NULL THEN 'queued' ELSE 'failed' END"


def remember_applicant(cur, payload):
    applicant = payload["applicant"]
    cur.execute("INSERT INTO applicants (application_id, tracking_number, subject, full_name, email, phone, "
                "postal_address, preferred_reply_channel, received_at, submitted_by) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (application_id) DO NOTHING",
                (str(payload["application_id"]), payload["tracking_number"], payload["subject"],
                 applicant.get("full_name"), applicant.get("email"), applicant.get("phone"),
                 applicant.get("postal_address"), applicant.get("preferred_reply_channel"), payload["received_at"],
                 payload.get("submitted_by")))


def submitter(cur, application_id):
    """`(known, submitted_by)`: whether notify has read the application, and who submitted it (intake's
    `submitted_by`; None for an application read before notify kept it)."""
    cur.execute("SELECT submitted_by FROM applicants WHERE application_id = %s", (str(application_id),))
    row = cur.fetchone()
    return (row is not None, row["submitted_by"] if row else None)


def applicant(cur, application_id):
    cur.execute("SELECT full_name, email, phone, postal_address, preferred_reply_channel FROM applicants "
                "WHERE application_id = %s", (str(application_id),))
    return cur.fetchone()


def personal_data_destroyed(cur, application_id):
    """True when the applicant's data of this application was destroyed here (the retention period ended)."""
    cur.execute("SELECT 1 FROM notifications WHERE application_id = %s AND personal_data_destroyed_at IS NOT NULL "
                "LIMIT 1", (str(application_id),))
    return cur.fetchone() is not None


def queue(cur, notification):
    """Insert a message unless one with the same dedupe key exists; True if inserted."""
    cur.execute("INSERT INTO notifications (id, dedupe_key, kind, channel, recipient, subject, body, attach_receipt, "
                "application_id, case_id, tracking_number, status, next_attempt_at, attachments, attach_letter) VALUES "
                "(%(id)s, %(dedupe_key)s, %(kind)s, %(channel)s, %(recipient)s, %(subject)s, %(body)s, "
                "%(attach_receipt)s, %(application_id)s, %(case_id)s, %(tracking_number)s, %(status)s, "
                "coalesce(%(send_after)s, now()), %(attachments)s, %(attach_letter)s) ON CONFLICT (dedupe_key) DO NOTHING",
                {"send_after": None, "attach_letter": False, **notification,
                 "attachments": Json(notification.get("attachments") or [])})
    return cur.rowcount == 1


def now(cur):
    cur.execute("SELECT now() AS now")
    return cur.fetchone()["now"]


def due_ids(cur, channel, limit):
    cur.execute("SELECT id FROM notifications WHERE status = 'queued' AND channel = %s AND next_attempt_at <= now() "
                "ORDER BY next_attempt_at LIMIT %s", (channel, limit))
    return [row["id"] for row in cur.fetchall()]


_MESSAGE = ("SELECT n.id, n.kind, n.channel, n.recipient, n.subject, n.body, n.attach_receipt, n.attach_letter, "
            "n.application_id, n.case_id, n.tracking_number, n.attempts, n.attachments, n.status, n.created_at, "
            "n.sent_at, n.posted_by, a.full_name, a.postal_address FROM notifications n "
            "LEFT JOIN applicants a ON a.application_id = n.application_id ")


def claim(cur, notification_id):
    """Mark the message 'sending' and return it (with its addressee's name and postal address), if it is
    still due and nobody else holds it."""
    cur.execute("UPDATE notifications SET status = 'sending', sending_since = clock_timestamp() WHERE id = "
                "(SELECT id FROM notifications WHERE id = %s AND status = 'queued' FOR UPDATE SKIP LOCKED) "
                "RETURNING id", (str(notification_id),))
    if cur.fetchone() is None:
        return None
    cur.execute(_MESSAGE + "WHERE n.id = %s", (str(notification_id),))
    return cur.fetchone()


def requeue_stale_sending(cur, older_than_seconds):
    """Messages left 'sending' by a process that died mid-send go back in the queue (they may go twice,
    with the same Message-ID)."""
    cur.execute(f"UPDATE notifications SET status = {_REQUEUED}, sending_since = NULL, last_error = CASE WHEN "
                "personal_data_destroyed_at IS NULL THEN last_error ELSE %s END WHERE status = 'sending' "
                "AND sending_since < clock_timestamp() - make_interval(secs => %s)", (DESTROYED, older_than_seconds))
    return cur.rowcount


def post_letters(cur, posted, limit):
    """Letters waiting for the post room (or already posted), oldest first."""
    cur.execute("SELECT id, kind, tracking_number, application_id, case_id, attach_receipt, attachments, status, "
                "created_at, sent_at, posted_by FROM notifications WHERE channel = 'post' AND status = %s "
                "ORDER BY created_at LIMIT %s", ("sent" if posted else "post", limit))
    return cur.fetchall()


def post_letter(cur, notification_id, lock=False):
    cur.execute(_MESSAGE + "WHERE n.id = %s AND n.channel = 'post'" + (" FOR UPDATE OF n" if lock else ""),
                (str(notification_id),))
    return cur.fetchone()


def mark_posted(cur, notification_id, posted_by):
    cur.execute("UPDATE notifications SET status = 'sent', attempts = 1, sent_at = clock_timestamp(), "
                "posted_by = %s, provider_response = 'postaya verildi' WHERE id = %s AND status = 'post' "
                "RETURNING sent_at", (posted_by, str(notification_id)))
    row = cur.fetchone()
    return row and row["sent_at"]


def mark_sent(cur, notification_id, attempts, response):
    cur.execute("UPDATE notifications SET status = 'sent', attempts = %s, sent_at = clock_timestamp(), "
                "provider_response = %s, sending_since = NULL, "
                "last_error = NULL WHERE id = %s RETURNING sent_at", (attempts, response, str(notification_id)))
    return cur.fetchone()["sent_at"]


def retry_later(cur, notification_id, attempts, error, delay_seconds):
    cur.execute(f"UPDATE notifications SET status = {_REQUEUED}, sending_since = NULL, attempts = %s, "
                "last_error = CASE WHEN personal_data_destroyed_at IS NULL THEN %s ELSE %s END, "
                "next_attempt_at = now() + make_interval(secs => %s) WHERE id = %s",
                (attempts, error, DESTROYED, delay_seconds, str(notification_id)))


def mark_failed(cur, notification_id, attempts, error):
    """Failed for good; answers the reason as stored (the marker, once the personal data was destroyed)."""
    cur.execute("UPDATE notifications SET status = 'failed', sending_since = NULL, attempts = %s, last_error = "
                "CASE WHEN personal_data_destroyed_at IS NULL THEN %s ELSE %s END WHERE id = %s RETURNING last_error",
                (attempts, error, DESTROYED, str(notification_id)))
    row = cur.fetchone()
    return row["last_error"] if row else error


def deliveries(cur, application_id):
    cur.execute("SELECT id, kind, channel, status, attempts, created_at, sent_at, last_error FROM notifications "
                "WHERE application_id = %s ORDER BY created_at", (str(application_id),))
    return cur.fetchall()


def add_inbox_item(cur, item_id, audience, title, body, case_id, dedupe_key):
    cur.execute("INSERT INTO staff_inbox (id, audience, title, body, case_id, dedupe_key) VALUES "
                "(%s, %s, %s, %s, %s, %s) ON CONFLICT (dedupe_key) DO NOTHING",
                (str(item_id), audience, title, body, str(case_id) if case_id else None, dedupe_key))


def inbox(cur, audiences, reader, limit, unread_only):
    cur.execute("SELECT m.id, m.audience, m.title, m.body, m.case_id, m.created_at, r.read_at FROM staff_inbox m "
                "LEFT JOIN staff_inbox_reads r ON r.message_id = m.id AND r.reader = %s "
                "WHERE m.audience = ANY(%s)" + (" AND r.read_at IS NULL" if unread_only else "")
                + " ORDER BY m.created_at DESC LIMIT %s", (reader, list(audiences), limit))
    return cur.fetchall()


def mark_read(cur, message_id, audiences, reader):
    cur.execute("INSERT INTO staff_inbox_reads (message_id, reader) SELECT id, %s FROM staff_inbox "
                "WHERE id = %s AND audience = ANY(%s) ON CONFLICT DO NOTHING RETURNING message_id",
                (reader, str(message_id), list(audiences)))
    return cur.fetchone() is not None


def add_subscription(cur, subscription_id, client_id, url, event_types):
    cur.execute("INSERT INTO webhook_subscriptions (id, client_id, url, event_types) VALUES (%s, %s, %s, %s)",
                (str(subscription_id), client_id, url, event_types))


def subscription(cur, subscription_id):
    cur.execute("SELECT id, client_id, url, event_types, active FROM webhook_subscriptions WHERE id = %s",
                (str(subscription_id),))
    return cur.fetchone()


def subscriptions_of(cur, client_id):
    cur.execute("SELECT id, url, event_types, active, created_at FROM webhook_subscriptions WHERE client_id = %s "
                "ORDER BY created_at", (client_id,))
    return cur.fetchall()


def subscribers(cur, event_type):
    """Active subscriptions to `event_type`: rows of (id, client_id)."""
    cur.execute("SELECT id, client_id FROM webhook_subscriptions WHERE active AND %s = ANY(event_types)",
                (event_type,))
    return cur.fetchall()


def deactivate_subscription(cur, subscription_id, client_id):
    cur.execute("UPDATE webhook_subscriptions SET active = false WHERE id = %s AND client_id = %s RETURNING id",
                (str(subscription_id), client_id))
    return cur.fetchone() is not None


def webhook_deliveries(cur, subscription_id, limit):
    cur.execute("SELECT id, kind AS event_type, subject AS event_id, status, attempts, created_at, sent_at, "
                "last_error, provider_response FROM notifications WHERE channel = 'webhook' AND recipient = %s "
                "ORDER BY created_at DESC LIMIT %s", (str(subscription_id), limit))
    return cur.fetchall()


def current_templates(cur):
    """{name: content} of the newest saved version of each edited template."""
    cur.execute("SELECT DISTINCT ON (name) name, content FROM templates ORDER BY name, version DESC")
    return {row["name"]: row["content"] for row in cur.fetchall()}


def save_template(cur, name, content, author):
    cur.execute("INSERT INTO templates (name, version, content, created_by) SELECT %s, coalesce(max(version), 0) + 1, "
                "%s, %s FROM templates WHERE name = %s RETURNING version", (name, content, author, name))
    return cur.fetchone()["version"]


def template_versions(cur):
    cur.execute("SELECT name, max(version) AS version, max(created_at) AS saved_at FROM templates GROUP BY name")
    return {row["name"]: row for row in cur.fetchall()}
