-- Templates edited by staff: every save is a new version; the newest wins over the file shipped in
-- notify/templates/, and the old versions stay for the record.
CREATE TABLE templates (
    name        text NOT NULL,          -- e.g. receipt.subject.j2, answer.body.j2, sms.j2
    version     integer NOT NULL,
    content     text NOT NULL,
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);
