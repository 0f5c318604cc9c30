-- An issue of the municipality's own publication goes to its distribution list once: when, by whom,
-- and how many were e-mailed or left for the printed copy (no names: contacts keeps those).
CREATE TABLE issue_distributions (
    issue_id        uuid PRIMARY KEY REFERENCES publication_issues (id),
    segment_ids     text[] NOT NULL,
    emailed         integer NOT NULL,
    without_email   integer NOT NULL,
    distributed_by  text NOT NULL,
    distributed_at  timestamptz NOT NULL DEFAULT now()
);

-- What is handed out at a press conference (a contacts event of kind basin_toplantisi): the
-- presentation, the press kit, photos; and each time they were shared with the guests.
CREATE TABLE conference_materials (
    id            uuid PRIMARY KEY,
    event_id      uuid NOT NULL,
    title         text NOT NULL,
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size          integer NOT NULL,
    content       bytea NOT NULL,
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conference_materials_event ON conference_materials (event_id, created_at);

CREATE TABLE conference_shares (
    id              uuid PRIMARY KEY,
    event_id        uuid NOT NULL,
    audience        text NOT NULL CHECK (audience IN ('invited', 'accepted', 'attended')),
    note            text NOT NULL DEFAULT '',
    material_ids    uuid[] NOT NULL,
    recipients      integer NOT NULL,
    without_email   integer NOT NULL,
    shared_by       text NOT NULL,
    shared_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conference_shares_event ON conference_shares (event_id, shared_at);
