-- Staff accounts, their refresh tokens, API clients and their keys, seen nonces, the audit log.
CREATE TABLE staff_users (
    id                   uuid PRIMARY KEY,
    username             text NOT NULL UNIQUE,
    display_name         text NOT NULL,
    password_hash        text NOT NULL,
    role                 text NOT NULL,
    directorate          text,
    active               boolean NOT NULL DEFAULT true,
    failed_sign_ins      integer NOT NULL DEFAULT 0,
    locked_until         timestamptz,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    created_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((role IN ('directorate_staff', 'directorate_head')) = (directorate IS NOT NULL))
);

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES staff_users (id),
    family_id   uuid NOT NULL,
    token_hash  text NOT NULL UNIQUE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE api_clients (
    client_id   text PRIMARY KEY,
    name        text NOT NULL,
    scopes      text[] NOT NULL DEFAULT '{}',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_client_keys (
    key_id       text PRIMARY KEY,
    client_id    text NOT NULL REFERENCES api_clients (client_id),
    secret_hash  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    not_after    timestamptz,
    active       boolean NOT NULL DEFAULT true
);
CREATE INDEX api_client_keys_client ON api_client_keys (client_id);

CREATE TABLE seen_nonces (
    client_id  text NOT NULL,
    nonce      text NOT NULL,
    seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, nonce)
);
CREATE INDEX seen_nonces_age ON seen_nonces (seen_at);

CREATE TABLE audit_log (
    id              bigserial PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    actor_kind      text NOT NULL,          -- staff, client, anonymous
    actor_id        text,
    role            text,
    action          text NOT NULL,          -- e.g. application.read, application.submit, auth.sign_in
    object_type     text,
    object_id       text,
    personal_data   boolean NOT NULL DEFAULT false,
    outcome         text NOT NULL,          -- allowed, denied, failed
    address         text,
    correlation_id  text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id);
