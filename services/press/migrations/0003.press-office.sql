-- The municipality's own publications and their issues, who they are distributed to, the office's
-- subscriptions to others' publications, and programmes and series made with the media.
CREATE TABLE publications (
    id          uuid PRIMARY KEY,
    title       text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('magazine', 'newspaper', 'bulletin')),
    frequency   text,
    active      boolean NOT NULL DEFAULT true,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE publication_issues (
    id              uuid PRIMARY KEY,
    publication_id  uuid NOT NULL REFERENCES publications (id),
    number          integer NOT NULL,
    issued_on       date NOT NULL,
    contents        text NOT NULL DEFAULT '',
    print_run       integer,
    pdf             bytea,
    pdf_filename    text,
    created_by      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (publication_id, number)
);

CREATE TABLE distribution_lists (
    publication_id  uuid NOT NULL REFERENCES publications (id),
    segment_id      text NOT NULL,       -- a contacts segment
    PRIMARY KEY (publication_id, segment_id)
);

CREATE TABLE subscriptions (
    id            uuid PRIMARY KEY,
    publication   text NOT NULL,         -- the outlet or publication subscribed to
    period        text NOT NULL CHECK (period IN ('monthly', 'quarterly', 'yearly')),
    cost          numeric(12, 2),
    started_on    date NOT NULL,
    paid_until    date,
    active        boolean NOT NULL DEFAULT true,
    reminded_for  date,
    notes         text NOT NULL DEFAULT '',
    created_by    text,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One reminder per subscription and renewal date, whichever instance sends it.
CREATE TABLE subscription_reminders (
    subscription_id  uuid NOT NULL REFERENCES subscriptions (id),
    renews_on        date NOT NULL,
    sent_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription_id, renews_on)
);

CREATE TABLE productions (
    id          uuid PRIMARY KEY,
    title       text NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('programme', 'series')),
    outlet      text NOT NULL DEFAULT '',
    status      text NOT NULL DEFAULT 'planlandi'
                CHECK (status IN ('planlandi', 'hazirlaniyor', 'yayinlandi', 'iptal')),
    partners    text[] NOT NULL DEFAULT '{}',
    notes       text NOT NULL DEFAULT '',
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
