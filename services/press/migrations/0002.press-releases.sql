-- Press releases (basın bülteni): the current version, every replaced version, photos, the mayor's
-- office's comments, and who it went to.
CREATE TABLE releases (
    id             uuid PRIMARY KEY,
    state          text NOT NULL DEFAULT 'taslak'
                   CHECK (state IN ('taslak', 'onay_bekliyor', 'onaylandi', 'iade', 'yayimlandi')),
    version        integer NOT NULL DEFAULT 1,
    title          text NOT NULL,
    summary        text NOT NULL DEFAULT '',
    body           text NOT NULL,
    url            text,
    embargo_until  timestamptz,
    segment_id     text,                 -- the contacts segment (media list) it goes to
    created_by     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    submitted_at   timestamptz,
    approved_at    timestamptz,
    approved_by    text,
    published_at   timestamptz,
    recipients     jsonb                 -- resolved from the segment when it went out
);
CREATE INDEX releases_due ON releases (embargo_until) WHERE state = 'onaylandi';
CREATE INDEX releases_published ON releases (published_at DESC) WHERE state = 'yayimlandi';

CREATE TABLE release_versions (
    release_id     uuid NOT NULL REFERENCES releases (id),
    version        integer NOT NULL,
    title          text NOT NULL,
    summary        text NOT NULL,
    body           text NOT NULL,
    url            text,
    embargo_until  timestamptz,
    segment_id     text,
    photos         jsonb NOT NULL DEFAULT '[]',
    replaced_at    timestamptz NOT NULL,
    replaced_by    text,
    PRIMARY KEY (release_id, version)
);

CREATE TABLE release_photos (
    id            uuid PRIMARY KEY,
    seq           bigserial NOT NULL,    -- the order they were added in (the first leads the feed item)
    release_id    uuid NOT NULL REFERENCES releases (id),
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size          integer NOT NULL,
    caption       text NOT NULL DEFAULT '',
    content       bytea NOT NULL,
    added_by      text,
    added_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX release_photos_release ON release_photos (release_id, seq);

CREATE TABLE release_comments (
    id          bigserial PRIMARY KEY,
    release_id  uuid NOT NULL REFERENCES releases (id),
    version     integer NOT NULL,
    author      text,
    text        text NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX release_comments_release ON release_comments (release_id, id);
