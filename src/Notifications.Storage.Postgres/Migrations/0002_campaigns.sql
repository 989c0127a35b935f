-- Campaigns to segments (issue 11). The user directory: one row per registered user, replaced by the user's grain in
-- the turn that wrote the profile. A user's tags also sit in user_tags, clustered by tag, so a tag segment pages one
-- index range in user-id order; zone and language indexes serve the other filters.
-- User ids and zones collate as "C" (byte order): segments page in ordinal order whatever the database's locale, and
-- a keyset cursor compares the way the index is sorted.
CREATE TABLE user_directory (
    user_id text COLLATE "C" PRIMARY KEY,
    -- In the order the profile gave them.
    tags text[] NOT NULL,
    locale text NULL,
    -- The locale's primary subtag, lower case: what a language filter compares.
    language text NULL,
    time_zone text COLLATE "C" NULL,
    registered_at bigint NOT NULL);
CREATE INDEX ix_user_directory_zone ON user_directory (time_zone, user_id);
CREATE INDEX ix_user_directory_language ON user_directory (language, user_id);
CREATE TABLE user_tags (
    tag text NOT NULL,
    user_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tag, user_id));
CREATE INDEX ix_user_tags_user ON user_tags (user_id);

-- Users registered before the directory existed: from their grain state (UTF-8 JSON, as the grain storage wrote it).
INSERT INTO user_directory (user_id, tags, locale, language, time_zone, registered_at)
SELECT substr(s.grain_id, 6),
       COALESCE(ARRAY(SELECT jsonb_array_elements_text(CASE jsonb_typeof(s.doc->'user'->'profile'->'tags') WHEN 'array' THEN s.doc->'user'->'profile'->'tags' ELSE '[]'::jsonb END)), '{}'),
       s.doc->'user'->'profile'->>'locale',
       NULLIF(lower(split_part(s.doc->'user'->'profile'->>'locale', '-', 1)), ''),
       s.doc->'user'->'profile'->>'timeZone',
       s.updated_at
FROM (SELECT grain_id, updated_at, convert_from(payload, 'UTF8')::jsonb AS doc
      FROM grain_state WHERE state_name = 'user' AND grain_id LIKE 'user/%' AND length(payload) > 0) AS s
WHERE s.doc->'user'->'registered' = 'true'::jsonb;
INSERT INTO user_tags (tag, user_id)
SELECT DISTINCT t.tag, d.user_id FROM user_directory d, unnest(d.tags) AS t(tag)
ON CONFLICT DO NOTHING;

CREATE TABLE segments (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    rule json NOT NULL,
    created_at bigint NOT NULL);

CREATE TABLE campaigns (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    status text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL);

-- A campaign's funnel is counted from its notifications; the partial index costs other notifications nothing.
ALTER TABLE notifications ADD COLUMN campaign_id uuid NULL;
CREATE INDEX ix_notifications_campaign ON notifications (campaign_id) WHERE campaign_id IS NOT NULL;
