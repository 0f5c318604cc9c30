CREATE TABLE effects (event_id uuid PRIMARY KEY, note text NOT NULL, attempts integer NOT NULL);
