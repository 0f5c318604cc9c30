-- News sources read on a schedule, and the clippings (kupür) archive: from feeds, or entered by hand
-- from print, TV and radio, searchable in Turkish.

-- Turkish case folding before the text search configuration sees the text: PostgreSQL lowers "I" to
-- "i" and "İ" to "i̇" (wrong for Turkish); circumflexes are dropped so "şikâyet" and "şikayet" agree.
CREATE FUNCTION press_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(coalesce(value, ''), 'IİÂÎÛâîû', 'ıiaiuaiu');

-- A query as people type it (websearch syntax: "phrases", or, -not) where each word also matches
-- longer forms: the Turkish stemmer leaves many suffixed forms alone ("parkı" stays "parkı"), so
-- "park" must match "parkı", "parkta" as a prefix.
CREATE FUNCTION press_search_query(query text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN regexp_replace(websearch_to_tsquery('turkish', press_fold(query))::text,
                          '''((?:[^'']|'''')+)''', '''\1'':*', 'g')::tsquery;

CREATE TABLE sources (
    id                    uuid PRIMARY KEY,
    url                   text NOT NULL UNIQUE,
    outlet                text NOT NULL,
    fetch_interval        interval NOT NULL DEFAULT interval '30 minutes',
    etag                  text,
    last_modified         text,
    consecutive_failures  integer NOT NULL DEFAULT 0,
    next_fetch_at         timestamptz NOT NULL DEFAULT now(),
    last_fetched_at       timestamptz,
    last_outcome          text,                  -- fetched, not_modified, failed
    last_error            text,
    active                boolean NOT NULL DEFAULT true,
    created_by            text,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_due ON sources (next_fetch_at) WHERE active;

CREATE TABLE clippings (
    id                 uuid PRIMARY KEY,
    dedupe_key         text NOT NULL UNIQUE,     -- one row per story, however often it is seen
    url                text,
    title              text NOT NULL,
    summary            text NOT NULL DEFAULT '',
    outlet             text NOT NULL DEFAULT '',
    source_id          uuid REFERENCES sources (id),
    kind               text NOT NULL DEFAULT 'feed' CHECK (kind IN ('feed', 'print', 'tv', 'radio')),
    page_or_programme  text,
    published_at       timestamptz,
    captured_at        timestamptz NOT NULL,
    keywords           text[] NOT NULL DEFAULT '{}',
    tone               text CHECK (tone IN ('lehte', 'aleyhte', 'tarafsiz')),   -- a person's decision
    tone_set_by        text,
    tone_set_at        timestamptz,
    tone_suggestion    jsonb,                    -- the word list's suggestion and its evidence, never final
    important          boolean NOT NULL DEFAULT false,
    important_at       timestamptz,
    flagged_by         text,
    flag_note          text,
    flag_announced     boolean NOT NULL DEFAULT false,
    directorates       text[] NOT NULL DEFAULT '{}',   -- told (clipping_flagged) about this item
    new_practice       boolean NOT NULL DEFAULT false,
    topic              text,
    scan               bytea,
    scan_filename      text,
    scan_content_type  text,
    created_by         text,
    search             tsvector GENERATED ALWAYS AS (
                           setweight(to_tsvector('turkish', press_fold(title)), 'A')
                           || setweight(to_tsvector('turkish', press_fold(summary)), 'B')) STORED
);
CREATE INDEX clippings_search ON clippings USING gin (search);
CREATE INDEX clippings_appeared ON clippings ((coalesce(published_at, captured_at)));
CREATE INDEX clippings_outlet ON clippings (outlet);
CREATE INDEX clippings_tone ON clippings (tone);
CREATE INDEX clippings_important ON clippings (important_at) WHERE important;

-- The morning digest, one per day: the unique day is what makes building it idempotent.
CREATE TABLE digests (
    id          uuid PRIMARY KEY,
    day         date NOT NULL UNIQUE,
    subject     text NOT NULL,
    text        text NOT NULL,
    pdf         bytea NOT NULL,
    total       integer NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
