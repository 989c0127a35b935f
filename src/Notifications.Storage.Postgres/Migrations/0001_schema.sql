-- The cluster profile's schema: grain state, reminders and every record store, shared by all silos.
-- Instants are Unix milliseconds (bigint), as in the SQLite schema; enums are stored by their API name.

CREATE TABLE grain_state (
    grain_id text NOT NULL,
    state_name text NOT NULL,
    -- The ETag: bumped by every write, so a stale activation's write matches no row.
    version bigint NOT NULL,
    payload bytea NOT NULL,
    updated_at bigint NOT NULL,
    PRIMARY KEY (grain_id, state_name));

CREATE TABLE reminders (
    grain_id text NOT NULL,
    name text NOT NULL,
    -- The grain's uniform hash: a silo reads the reminders of its ring range by it.
    grain_hash bigint NOT NULL,
    start_at bigint NOT NULL,
    period_ms bigint NOT NULL,
    version bigint NOT NULL,
    PRIMARY KEY (grain_id, name));
CREATE INDEX ix_reminders_hash ON reminders (grain_hash);

CREATE TABLE notifications (
    id uuid PRIMARY KEY,
    user_id text NOT NULL,
    type text NULL,
    category text NOT NULL,
    priority integer NOT NULL,
    status text NOT NULL,
    title text NULL,
    body text NULL,
    created_at bigint NOT NULL);
-- The console's user lookup: ids are version-7 GUIDs, so (user, id) is (user, creation order).
CREATE INDEX ix_notifications_user ON notifications (user_id, id);

-- One row per notification in a user's inbox. Pages walk (user, created, id); single items are found by (user, id).
CREATE TABLE inbox (
    user_id text NOT NULL,
    id uuid NOT NULL,
    created_at bigint NOT NULL,
    type text NULL,
    category text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    data json NULL,
    tags text[] NULL,
    actions json NULL,
    read_at bigint NULL,
    seen_at bigint NULL,
    archived_at bigint NULL,
    snoozed_until bigint NULL,
    clicked_at bigint NULL,
    clicked_action text NULL,
    PRIMARY KEY (user_id, id));
CREATE INDEX ix_inbox_user_created ON inbox (user_id, created_at, id);
CREATE INDEX ix_inbox_created ON inbox (created_at);

CREATE TABLE deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id uuid NOT NULL,
    user_id text NOT NULL,
    channel text NOT NULL,
    target text NOT NULL,
    lane integer NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    due_at bigint NOT NULL,
    -- A turn replayed after a crash inserts its jobs again: the key makes that a no-op.
    idempotency_key text NOT NULL UNIQUE,
    content json NULL,
    reason text NULL,
    provider_message_id text NULL,
    updated_at bigint NOT NULL,
    -- The W3C trace context of the turn that queued the job.
    trace_parent text NULL);
CREATE INDEX ix_deliveries_notification ON deliveries (notification_id);
CREATE INDEX ix_deliveries_due ON deliveries (channel, lane, due_at) WHERE status IN ('queued', 'sending');
CREATE INDEX ix_deliveries_provider ON deliveries (provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX ix_deliveries_dead ON deliveries (id) WHERE status = 'deadLettered';

-- Every transition of a delivery, in the order written (id).
CREATE TABLE delivery_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id bigint NOT NULL,
    status text NOT NULL,
    at bigint NOT NULL,
    detail text NULL);
CREATE INDEX ix_delivery_log ON delivery_log (delivery_id, id);

-- Provider callbacks that overtook our record of the send; applied when the send is recorded.
CREATE TABLE provider_events (
    channel text NOT NULL,
    provider_message_id text NOT NULL,
    status text NOT NULL,
    at bigint NOT NULL,
    detail text NULL,
    received_at bigint NOT NULL);
CREATE INDEX ix_provider_events ON provider_events (provider_message_id);
CREATE INDEX ix_provider_events_received ON provider_events (received_at);

CREATE TABLE templates (
    type text PRIMARY KEY,
    definition json NOT NULL,
    updated_at bigint NOT NULL);

CREATE TABLE api_keys (
    id text PRIMARY KEY,
    name text NOT NULL,
    secret_hash text NOT NULL UNIQUE,
    scopes text NOT NULL,
    created_at bigint NOT NULL,
    revoked_at bigint NULL,
    -- A key's quota; NULL means unlimited.
    rate_per_second integer NULL,
    rate_burst integer NULL,
    daily_quota bigint NULL);

CREATE TABLE settings (
    name text PRIMARY KEY,
    value text NOT NULL);
