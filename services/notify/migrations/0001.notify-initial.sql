-- Who the applicants are and how to reach them (a read model of intake's events), every message with
-- its delivery record, and the staff inbox.
CREATE TABLE applicants (
    application_id           uuid PRIMARY KEY,
    tracking_number          text NOT NULL,
    subject                  text NOT NULL,
    full_name                text,
    email                    text,
    phone                    text,
    postal_address           text,
    preferred_reply_channel  text,
    received_at              timestamptz NOT NULL
);

CREATE TABLE notifications (
    id                 uuid PRIMARY KEY,
    dedupe_key         text NOT NULL UNIQUE,     -- event, recipient and channel: one message each
    kind               text NOT NULL,
    channel            text NOT NULL,            -- email, sms, post, inbox
    recipient          text NOT NULL,
    subject            text NOT NULL,
    body               text NOT NULL,
    attach_receipt     boolean NOT NULL DEFAULT false,
    application_id     uuid,
    case_id            uuid,
    tracking_number    text,
    status             text NOT NULL DEFAULT 'queued',   -- queued, sent, failed
    attempts           integer NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    last_error         text,
    provider_response  text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'queued';
CREATE INDEX notifications_application ON notifications (application_id);

CREATE TABLE staff_inbox (
    id          uuid PRIMARY KEY,
    audience    text NOT NULL,        -- directorate:<code> or role:<role>
    title       text NOT NULL,
    body        text NOT NULL,
    case_id     uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    dedupe_key  text NOT NULL UNIQUE
);
CREATE INDEX staff_inbox_audience ON staff_inbox (audience, created_at DESC);

CREATE TABLE staff_inbox_reads (
    message_id  uuid NOT NULL REFERENCES staff_inbox (id),
    reader      text NOT NULL,
    read_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, reader)
);
