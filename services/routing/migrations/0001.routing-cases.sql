-- Cases, their timeline, routing rules, directorates, staff-kept idari izin days, and the deadline
-- signals already emitted (so that each warning, escalation and breach is emitted once).
CREATE TABLE directorates (
    code  text PRIMARY KEY,
    name  text NOT NULL
);

CREATE TABLE routing_rules (
    id             serial PRIMARY KEY,
    directorate    text NOT NULL REFERENCES directorates (code),
    category       text,
    neighbourhood  text,
    channel        text,
    keywords       text[] NOT NULL DEFAULT '{}',
    priority       integer NOT NULL DEFAULT 100,
    active         boolean NOT NULL DEFAULT true,
    seeded         boolean NOT NULL DEFAULT false,
    created_by     text,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_rules_seed ON routing_rules (directorate, coalesce(category, ''), coalesce(neighbourhood, ''),
    coalesce(channel, ''), keywords) WHERE seeded;

CREATE TABLE cases (
    id                 uuid PRIMARY KEY,
    application_id     uuid NOT NULL UNIQUE,
    tracking_number    text NOT NULL,
    channel            text NOT NULL,
    type               text NOT NULL,
    category           text NOT NULL,
    subject            text NOT NULL,
    neighbourhood      text,
    received_at        timestamptz NOT NULL,
    hide_identity      boolean NOT NULL DEFAULT false,
    state              text NOT NULL,
    directorate        text REFERENCES directorates (code),
    routing_rule_id    integer,
    deadline_rule      text NOT NULL,
    legal_due_on       date,
    internal_due_on    date,
    due_explanation    jsonb NOT NULL,
    extended           boolean NOT NULL DEFAULT false,
    interim_replied_at timestamptz,
    answered_at        timestamptz,
    opened_at          timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
-- the deadline watcher reads open cases by date
CREATE INDEX cases_open_internal_due ON cases (internal_due_on)
    WHERE state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor');
CREATE INDEX cases_open_legal_due ON cases (legal_due_on)
    WHERE state IN ('triage', 'assigned', 'answer_submitted', 'awaiting_mayor');
CREATE INDEX cases_directorate_state ON cases (directorate, state, legal_due_on);

CREATE TABLE case_events (
    id        bigserial PRIMARY KEY,
    case_id   uuid NOT NULL REFERENCES cases (id),
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL,
    action    text NOT NULL,
    details   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE answers (
    id                 uuid PRIMARY KEY,
    case_id            uuid NOT NULL REFERENCES cases (id),
    outcome            text NOT NULL,
    interim            boolean NOT NULL,
    text               text NOT NULL,
    exemption_article  text,
    state              text NOT NULL,            -- submitted, returned, approved
    submitted_by       text NOT NULL,
    submitted_at       timestamptz NOT NULL DEFAULT now(),
    reviewed_by        text,
    review_comment     text
);
CREATE INDEX answers_case ON answers (case_id, submitted_at);

CREATE TABLE idari_izin_days (
    day      date PRIMARY KEY,
    note     text NOT NULL,
    added_by text
);

CREATE TABLE deadline_signals (
    case_id   uuid NOT NULL REFERENCES cases (id),
    kind      text NOT NULL,      -- warning, escalation, breach
    level     text NOT NULL,
    emitted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, kind, level)
);
