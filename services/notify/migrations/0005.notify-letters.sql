-- The answer goes out with its letter as a PDF; letters for the post room are printed, posted and
-- recorded with who posted them.
ALTER TABLE notifications ADD COLUMN attach_letter boolean NOT NULL DEFAULT false;
ALTER TABLE notifications ADD COLUMN posted_by text;
CREATE INDEX notifications_post_room ON notifications (created_at) WHERE channel = 'post';
