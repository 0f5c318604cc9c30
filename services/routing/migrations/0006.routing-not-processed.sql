-- Applications intake did not process (işleme konulmaz), as its application_not_processed events tell them:
-- they never become cases, and the annual 4982 report counts them as refusals. No applicant, no subject.
CREATE TABLE not_processed (
    application_id  uuid PRIMARY KEY,
    type            text NOT NULL,
    channel         text NOT NULL,
    received_at     timestamptz NOT NULL,
    reasons         jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX not_processed_type_received ON not_processed (type, received_at);

-- Read models filled once from their owner's history (events published before routing subscribed to them).
CREATE TABLE history_loads (
    name       text PRIMARY KEY,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    rows       integer NOT NULL
);
