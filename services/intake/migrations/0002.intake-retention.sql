-- KVKK periodic destruction (periyodik imha): when an application's retention period ended, its
-- applicant's personal data is anonymised in place (`anonymised_at`); the facts the statistics and the
-- law's reports need stay. Every run is logged in `destruction_runs` (kept at least 3 years).
ALTER TABLE applications ADD COLUMN anonymised_at timestamptz;
-- what a run looks for: applications of some types received before a cutoff, not yet anonymised
CREATE INDEX applications_to_anonymise ON applications (type, received_at) WHERE anonymised_at IS NULL;

CREATE TABLE destruction_runs (
    id           uuid PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    -- 'schedule', or the id of the admin who started the run by hand
    trigger      text NOT NULL,
    method       text NOT NULL DEFAULT 'anonimleştirme',
    -- the rules in force: [{"rule", "keep_years", "cutoff", "source"}]
    rules        jsonb NOT NULL DEFAULT '[]',
    -- anonymised applications per rule, e.g. {"dilekce": 12, "bilgi_edinme": 3}
    counts       jsonb NOT NULL DEFAULT '{}',
    total        integer NOT NULL DEFAULT 0
);
CREATE INDEX destruction_runs_started ON destruction_runs (started_at DESC);

-- The log is evidence (DOMAIN §3: kept at least 3 years): no row younger than that can be deleted.
CREATE FUNCTION destruction_runs_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.started_at > now() - interval '3 years' THEN
        RAISE EXCEPTION 'destruction_runs: the log of a destruction run is kept at least 3 years (run %)', OLD.id;
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER destruction_runs_keep BEFORE DELETE ON destruction_runs
    FOR EACH ROW EXECUTE FUNCTION destruction_runs_keep();
