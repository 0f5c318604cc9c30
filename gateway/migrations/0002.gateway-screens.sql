-- Wall screens: each holds a key that reads the press board and nothing else. Only the key's SHA-256
-- is kept; a revoked screen is refused at its next request.
CREATE TABLE screens (
    id            uuid PRIMARY KEY,
    name          text NOT NULL,
    key_hash      text NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz,
    revoked_at    timestamptz
);
