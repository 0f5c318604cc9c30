-- The information bank: contacts and how to reach them, roles over time, the precedence list,
-- segments, imports, events with their invitations, seats and speaking order.

-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner, the contacts role, may create
-- it. Where an older server or a locked-down one refuses, bootstrap.sh and init.sql create it as the
-- superuser first, and IF NOT EXISTS makes this a no-op.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE contacts (
    id                       uuid PRIMARY KEY,
    kind                     text NOT NULL CHECK (kind IN ('person', 'organisation')),
    name                     text NOT NULL,          -- a person's full name or an organisation's name
    category                 text,
    neighbourhood            text,
    tags                     text[] NOT NULL DEFAULT '{}',
    notes                    text NOT NULL DEFAULT '',
    consent_basis            text,                   -- a code of categories.LAWFUL_BASES
    consent_given_on         date,
    opted_out_on             date,
    last_verified_on         date,
    verification_due_reason  text,                   -- set by a re-verification campaign, cleared on verifying
    verification_due_since   date,
    external_ref             text UNIQUE,            -- "Kayıt No" of an import, UID of a vCard
    import_key               text UNIQUE,            -- csv_io.import_key of the row that created it
    -- folded (servicekit.turkish.fold) copies the database searches and filters on
    search_text              text NOT NULL,
    name_key                 text NOT NULL,          -- duplicates.name_key: folded words, sorted
    tag_keys                 text[] NOT NULL DEFAULT '{}',
    neighbourhood_key        text,
    merged_into              uuid REFERENCES contacts (id),
    created_by               text,
    updated_by               text,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
-- misspelt and partial names: word_similarity (<%) and ILIKE on the folded text both use this index
CREATE INDEX contacts_search_trgm ON contacts USING gin (search_text gin_trgm_ops);
CREATE INDEX contacts_name_key ON contacts (name_key) WHERE merged_into IS NULL;
CREATE INDEX contacts_category ON contacts (category) WHERE merged_into IS NULL;
CREATE INDEX contacts_tag_keys ON contacts USING gin (tag_keys);
CREATE INDEX contacts_neighbourhood_key ON contacts (neighbourhood_key);
CREATE INDEX contacts_verification ON contacts (last_verified_on) WHERE merged_into IS NULL;

CREATE TABLE contact_points (
    id          bigserial PRIMARY KEY,
    contact_id  uuid NOT NULL REFERENCES contacts (id),
    kind        text NOT NULL CHECK (kind IN ('phone', 'email', 'address')),
    value       text NOT NULL,      -- as staff wrote it (addresses) or the E.164 / lowercased form
    normalised  text NOT NULL,      -- E.164 phone, lowercased e-mail, folded address
    mobile      boolean NOT NULL DEFAULT false,  -- a phone an SMS can reach
    position    integer NOT NULL DEFAULT 0,
    UNIQUE (contact_id, kind, normalised)
);
-- exact look-ups by phone or e-mail, and the duplicate blocks
CREATE INDEX contact_points_lookup ON contact_points (kind, normalised);

-- Offices held over time: a row is never changed except to end it, so the history stays.
CREATE TABLE roles (
    id                 bigserial PRIMARY KEY,
    person_id          uuid NOT NULL REFERENCES contacts (id),
    organisation_id    uuid REFERENCES contacts (id),
    organisation_name  text,
    office             text,           -- a precedence office code, else the title as written
    title              text,
    started_on         date,
    ended_on           date,
    created_by         text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    ended_by           text,
    CHECK (ended_on IS NULL OR started_on IS NULL OR started_on <= ended_on)
);
CREATE INDEX roles_person ON roles (person_id);
CREATE INDEX roles_current_office ON roles (office) WHERE ended_on IS NULL;
CREATE INDEX roles_organisation ON roles (organisation_id) WHERE organisation_id IS NOT NULL;

-- The district precedence list, seeded from data/precedence_gaziemir.yml and edited by staff. The rank
-- is unique but checked at commit, so moving an office shifts the others in one transaction.
CREATE TABLE precedence (
    office      text PRIMARY KEY,
    title       text NOT NULL,
    rank        integer NOT NULL CHECK (rank > 0),
    source      text NOT NULL DEFAULT '',
    updated_by  text,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT precedence_rank_unique UNIQUE (rank) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE segments (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    kind        text NOT NULL CHECK (kind IN ('fixed', 'filter')),
    filter      jsonb,
    created_by  text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE segment_members (
    segment_id  uuid NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    contact_id  uuid NOT NULL REFERENCES contacts (id),
    added_by    text,
    added_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, contact_id)
);
CREATE INDEX segment_members_contact ON segment_members (contact_id);

-- A long import: the file waits here and is worked through in batches, so progress shows and a
-- restart resumes where it stopped.
CREATE TABLE imports (
    id              uuid PRIMARY KEY,
    format          text NOT NULL CHECK (format IN ('csv', 'vcard')),
    filename        text NOT NULL,
    dry_run         boolean NOT NULL,
    status          text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    content         bytea,          -- dropped when the import ends
    total_rows      integer,
    processed_rows  integer NOT NULL DEFAULT 0,
    created         integer NOT NULL DEFAULT 0,
    updated         integer NOT NULL DEFAULT 0,
    skipped         integer NOT NULL DEFAULT 0,
    errors          jsonb NOT NULL DEFAULT '[]',   -- [{"row": n, "errors": ["Satır n: ..."]}]
    started_by      text NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX imports_running ON imports (started_at) WHERE status = 'running';

CREATE TABLE events (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL,
    title           text NOT NULL,
    starts_at       timestamptz NOT NULL,
    place           text,
    rows            jsonb NOT NULL DEFAULT '[]',   -- seats per row, front row first: [7, 9, 9]
    status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    speaking_order  uuid[],                        -- contact ids, first speaker first; NULL: by precedence
    created_by      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invitations (
    id             uuid PRIMARY KEY,
    event_id       uuid NOT NULL REFERENCES events (id),
    contact_id     uuid NOT NULL REFERENCES contacts (id),
    status         text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined')),
    invited_by     text,
    invited_at     timestamptz NOT NULL DEFAULT now(),
    replied_at     timestamptz,
    replied_by     text,            -- 'link' when the invitee answered, else the staff member
    checked_in_at  timestamptz,
    UNIQUE (event_id, contact_id)
);
CREATE INDEX invitations_contact ON invitations (contact_id);

CREATE TABLE seats (
    event_id    uuid NOT NULL REFERENCES events (id),
    row         integer NOT NULL,
    seat        integer NOT NULL,
    contact_id  uuid REFERENCES contacts (id),   -- NULL: a blocked seat
    reserved    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (event_id, row, seat),
    UNIQUE (event_id, contact_id)
);
