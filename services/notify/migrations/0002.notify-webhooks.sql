-- Other systems' webhook subscriptions. The signing secret is derived from WEBHOOK_MASTER_KEY and the
-- subscription id (shown once, at creation), so the database holds nothing that signs.
CREATE TABLE webhook_subscriptions (
    id           uuid PRIMARY KEY,
    client_id    text NOT NULL,
    url          text NOT NULL,
    event_types  text[] NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_client ON webhook_subscriptions (client_id);
