-- A message being handed to its channel is marked 'sending' (and since when) in a transaction of its
-- own, before the channel is called; its outcome is recorded after. A database that goes away in
-- between no longer makes the message look unsent: only a crash mid-send leaves it 'sending', and it
-- is put back in the queue once it has been sending for longer than any send can take.
ALTER TABLE notifications ADD COLUMN sending_since timestamptz;
CREATE INDEX notifications_sending ON notifications (sending_since) WHERE status = 'sending';
