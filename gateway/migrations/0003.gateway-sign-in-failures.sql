-- Failed sign-ins counted by the user name as typed, whether or not an account has that name, so a
-- lockout answers the same for unknown and known accounts (the account's own counters go).
CREATE TABLE sign_in_failures (
    username         text PRIMARY KEY,
    failed_sign_ins  integer NOT NULL,
    locked_until     timestamptz,
    last_failed_at   timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE staff_users DROP COLUMN failed_sign_ins, DROP COLUMN locked_until;
