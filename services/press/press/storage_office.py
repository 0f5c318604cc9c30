"""Press's SQL for the office's registers: its own publications and their issues, subscriptions to
others' publications, and media productions. Every function takes an open cursor."""


# -- publications -------------------------------------------------------------------------------------
def add_publication(cur, publication):
    cur.execute("INSERT INTO publications (id, title, kind, frequency, created_by) VALUES "
                "(%(id)s, %(title)s, %(kind)s, %(frequency)s, %(created_by)s) ON CONFLICT (title) DO NOTHING",
                publication)
    return cur.rowcount == 1


def publication(cur, publication_id, lock=False):
    cur.execute("SELECT id, title, kind, frequency, active, created_at FROM publications WHERE id = %s"
                + (" FOR UPDATE" if lock else ""), (str(publication_id),))
    return cur.fetchone()


def publications(cur):
    cur.execute("SELECT p.id, p.title, p.kind, p.frequency, p.active, p.created_at, "
                "coalesce(array_agg(d.segment_id ORDER BY d.segment_id) FILTER (WHERE d.segment_id IS NOT NULL), "
                "'{}') AS segment_ids FROM publications p LEFT JOIN distribution_lists d ON d.publication_id = p.id "
                "GROUP BY p.id ORDER BY p.title")
    return cur.fetchall()


def set_distribution(cur, publication_id, segment_ids):
    cur.execute("DELETE FROM distribution_lists WHERE publication_id = %s", (str(publication_id),))
    for segment_id in dict.fromkeys(segment_ids):
        cur.execute("INSERT INTO distribution_lists (publication_id, segment_id) VALUES (%s, %s)",
                    (str(publication_id), segment_id))


def drop_segment(cur, segment_id):
    """A segment deleted in the information bank leaves every distribution list; how many it was on."""
    cur.execute("DELETE FROM distribution_lists WHERE segment_id = %s", (segment_id,))
    return cur.rowcount


def add_issue(cur, issue):
    cur.execute("INSERT INTO publication_issues (id, publication_id, number, issued_on, contents, print_run, pdf, "
                "pdf_filename, created_by) VALUES (%(id)s, %(publication_id)s, %(number)s, %(issued_on)s, "
                "%(contents)s, %(print_run)s, %(pdf)s, %(pdf_filename)s, %(created_by)s) "
                "ON CONFLICT (publication_id, number) DO NOTHING", issue)
    return cur.rowcount == 1


def issues(cur, publication_ids):
    """`{publication_id: [issue, …]}`, newest first, without the PDFs, with their distribution if sent."""
    cur.execute("SELECT i.id, i.publication_id, i.number, i.issued_on, i.contents, i.print_run, i.pdf_filename, "
                "(i.pdf IS NOT NULL) AS has_pdf, d.distributed_at, d.distributed_by, d.emailed, d.without_email "
                "FROM publication_issues i LEFT JOIN issue_distributions d ON d.issue_id = i.id "
                "WHERE i.publication_id = ANY(%s::uuid[]) ORDER BY i.number DESC", ([str(i) for i in publication_ids],))
    found = {}
    for row in cur.fetchall():
        found.setdefault(row["publication_id"], []).append(row)
    return found


def issue_pdf(cur, issue_id, distributed_only=False):
    cur.execute("SELECT pdf_filename AS filename, pdf AS content FROM publication_issues i WHERE id = %s"
                + (" AND EXISTS (SELECT 1 FROM issue_distributions d WHERE d.issue_id = i.id)"
                   if distributed_only else ""), (str(issue_id),))
    return cur.fetchone()


# -- distribution ---------------------------------------------------------------------------------------
def issue_for_distribution(cur, issue_id):
    """The issue with its publication, the size of its PDF, the publication's segments and, if it was
    sent already, when (`distributed_at`)."""
    cur.execute("SELECT i.id, i.publication_id, i.number, i.issued_on, i.contents, i.pdf_filename, "
                "octet_length(i.pdf) AS pdf_size, p.title AS publication_title, p.kind AS publication_kind, "
                "coalesce((SELECT array_agg(l.segment_id ORDER BY l.segment_id) FROM distribution_lists l "
                "WHERE l.publication_id = p.id), '{}') AS segment_ids, d.distributed_at "
                "FROM publication_issues i JOIN publications p ON p.id = i.publication_id "
                "LEFT JOIN issue_distributions d ON d.issue_id = i.id WHERE i.id = %s", (str(issue_id),))
    return cur.fetchone()


def record_distribution(cur, distribution):
    """True the first time an issue is recorded as sent; False when it already was."""
    cur.execute("INSERT INTO issue_distributions (issue_id, segment_ids, emailed, without_email, distributed_by) "
                "VALUES (%(issue_id)s, %(segment_ids)s, %(emailed)s, %(without_email)s, %(distributed_by)s) "
                "ON CONFLICT (issue_id) DO NOTHING RETURNING distributed_at", distribution)
    row = cur.fetchone()
    return row["distributed_at"] if row else None


# -- subscriptions ------------------------------------------------------------------------------------
_SUBSCRIPTION = "id, publication, period, cost, started_on, paid_until, active, reminded_for, notes, created_at"


def add_subscription(cur, subscription):
    cur.execute("INSERT INTO subscriptions (id, publication, period, cost, started_on, paid_until, notes, "
                "created_by) VALUES (%(id)s, %(publication)s, %(period)s, %(cost)s, %(started_on)s, %(paid_until)s, "
                "%(notes)s, %(created_by)s)", subscription)


def subscription(cur, subscription_id, lock=False):
    cur.execute(f"SELECT {_SUBSCRIPTION} FROM subscriptions WHERE id = %s" + (" FOR UPDATE" if lock else ""),
                (str(subscription_id),))
    return cur.fetchone()


def subscriptions(cur, active_only=False):
    cur.execute(f"SELECT {_SUBSCRIPTION} FROM subscriptions" + (" WHERE active" if active_only else "")
                + " ORDER BY publication, started_on")
    return cur.fetchall()


def set_paid_until(cur, subscription_id, paid_until):
    cur.execute("UPDATE subscriptions SET paid_until = %s, reminded_for = NULL WHERE id = %s",
                (paid_until, str(subscription_id)))


def set_subscription_active(cur, subscription_id, active):
    cur.execute("UPDATE subscriptions SET active = %s WHERE id = %s", (active, str(subscription_id)))


def claim_reminder(cur, subscription_id, renews_on):
    """True the first time a reminder for this renewal date is claimed; records it on the row too."""
    cur.execute("INSERT INTO subscription_reminders (subscription_id, renews_on) VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING", (str(subscription_id), renews_on))
    if cur.rowcount != 1:
        return False
    cur.execute("UPDATE subscriptions SET reminded_for = %s WHERE id = %s", (renews_on, str(subscription_id)))
    return True


# -- productions --------------------------------------------------------------------------------------
_PRODUCTION = "id, title, kind, outlet, status, partners, notes, created_by, created_at, updated_at"


def add_production(cur, production):
    cur.execute("INSERT INTO productions (id, title, kind, outlet, status, partners, notes, created_by) VALUES "
                "(%(id)s, %(title)s, %(kind)s, %(outlet)s, %(status)s, %(partners)s, %(notes)s, %(created_by)s) "
                f"RETURNING {_PRODUCTION}", production)
    return cur.fetchone()


def set_production_status(cur, production_id, status, notes):
    cur.execute("UPDATE productions SET status = %s, notes = coalesce(%s, notes), updated_at = now() WHERE id = %s "
                f"RETURNING {_PRODUCTION}", (status, notes, str(production_id)))
    return cur.fetchone()


def productions(cur, status=None):
    cur.execute(f"SELECT {_PRODUCTION} FROM productions" + (" WHERE status = %(status)s" if status else "")
                + " ORDER BY updated_at DESC, title", {"status": status})
    return cur.fetchall()
