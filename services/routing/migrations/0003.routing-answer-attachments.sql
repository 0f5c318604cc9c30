-- Files that go out with an answer (the letter, a table, photos).
CREATE TABLE answer_attachments (
    id            uuid PRIMARY KEY,
    answer_id     uuid NOT NULL REFERENCES answers (id),
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    integer NOT NULL,
    content       bytea NOT NULL
);
CREATE INDEX answer_attachments_answer ON answer_attachments (answer_id);
