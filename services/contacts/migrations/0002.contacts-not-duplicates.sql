-- Pairs staff judged to be two different people or organisations (two Mehmet Yılmaz in different
-- neighbourhoods): duplicate_candidates no longer proposes them. The smaller id comes first, so (a, b)
-- and (b, a) are one row. A merge leaves a dismissal of the merged-away record in place: that record is
-- never proposed again anyway.
CREATE TABLE not_duplicates (
    contact_a     uuid NOT NULL REFERENCES contacts (id),
    contact_b     uuid NOT NULL REFERENCES contacts (id),
    dismissed_by  text NOT NULL,
    dismissed_at  timestamptz NOT NULL DEFAULT now(),
    reason        text,
    PRIMARY KEY (contact_a, contact_b),
    CHECK (contact_a < contact_b)
);
