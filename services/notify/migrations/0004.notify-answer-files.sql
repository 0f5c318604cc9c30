-- An answer's files (kept by routing) go out with its e-mail: the references are stored here.
ALTER TABLE notifications ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
