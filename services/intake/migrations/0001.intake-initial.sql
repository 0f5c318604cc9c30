-- Applications as submitted, their applicants (personal data) and attachments.
CREATE TABLE tracking_counters (
    year        integer PRIMARY KEY,
    last_value  integer NOT NULL
);

CREATE TABLE applications (
    id                    uuid PRIMARY KEY,
    tracking_number       text NOT NULL UNIQUE,
    status                text NOT NULL CHECK (status IN ('received', 'not_processed')),
    channel               text NOT NULL,
    type                  text NOT NULL,
    category              text NOT NULL,
    subject               text NOT NULL,
    body                  text NOT NULL,
    neighbourhood         text,
    location              jsonb,
    received_at           timestamptz NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    source_system         text,
    source_reference      text,
    submitted_by          text NOT NULL,
    idempotency_key       text,
    request_hash          text NOT NULL,
    defects               jsonb NOT NULL DEFAULT '[]',
    possible_duplicate_of text[] NOT NULL DEFAULT '{}',
    applicant_key         text,
    UNIQUE (source_system, source_reference),
    UNIQUE (submitted_by, idempotency_key)
);
CREATE INDEX applications_applicant_recent ON applications (applicant_key, received_at DESC);

CREATE TABLE applicants (
    application_id           uuid PRIMARY KEY REFERENCES applications (id),
    full_name                text,
    tc_kimlik_no             text,
    email                    text,
    phone                    text,
    postal_address           text,
    preferred_reply_channel  text,
    hide_identity            boolean NOT NULL DEFAULT false,
    signed                   boolean NOT NULL DEFAULT true
);

CREATE TABLE attachments (
    id              uuid PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES applications (id),
    filename        text NOT NULL,
    content_type    text NOT NULL,
    size_bytes      integer NOT NULL,
    content         bytea NOT NULL
);
CREATE INDEX attachments_application ON attachments (application_id);

-- Neighbourhoods of the municipality (seed data, editable); `folded` is the Turkish-folded name.
CREATE TABLE neighbourhoods (
    name    text PRIMARY KEY,
    folded  text NOT NULL UNIQUE
);
