-- A campaign's funnel was counted by joining each of its notifications to its inbox row and its jobs: at a million
-- recipients that scan outlasted a grain call. Each campaign notification now carries the outcomes it has reached as
-- flags (1 delivered, 2 opened, 4 clicked, 8 failed on a channel), so the funnel reads one index range. A flag, once
-- set, stays: the funnel counts what happened, and a later "mark unread" or bounce does not undo an open or an
-- accepted send. The triggers below set them in the transaction of the change that reached them.

-- A job's status as flags: accepted by the provider (sent) or reported delivered is a delivery; an open is also a
-- delivery, a click also an open.
CREATE FUNCTION campaign_outcome_of_job(status text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 1 WHEN 'opened' THEN 3 WHEN 'clicked' THEN 7
                       WHEN 'failed' THEN 8 WHEN 'bounced' THEN 8 WHEN 'deadLettered' THEN 8 ELSE 0 END
$$;

ALTER TABLE notifications ADD COLUMN outcome integer NOT NULL DEFAULT 0;
UPDATE notifications AS n SET outcome = o.flags
FROM (SELECT n2.id,
             (CASE WHEN i.id IS NOT NULL THEN 1 ELSE 0 END)
             | (CASE WHEN i.read_at IS NOT NULL OR i.clicked_at IS NOT NULL THEN 2 ELSE 0 END)
             | (CASE WHEN i.clicked_at IS NOT NULL THEN 4 ELSE 0 END)
             | COALESCE((SELECT bit_or(campaign_outcome_of_job(d.status)) FROM deliveries d WHERE d.notification_id = n2.id), 0) AS flags
      FROM notifications n2 LEFT JOIN inbox i ON i.user_id = n2.user_id AND i.id = n2.id
      WHERE n2.campaign_id IS NOT NULL) AS o
WHERE n.id = o.id AND o.flags <> 0;
DROP INDEX ix_notifications_campaign;
CREATE INDEX ix_notifications_campaign ON notifications (campaign_id, status, outcome) WHERE campaign_id IS NOT NULL;

-- Adds flags to notifications (a campaign's only) in id order: two transactions that reach outcomes of the same
-- notifications (jobs of one notification on two channels, recorded by two silos) lock them in the same order and
-- so never deadlock.
CREATE FUNCTION campaign_outcome_add(ids uuid[], flags integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM notifications n
    WHERE n.id = ANY (ids) AND n.campaign_id IS NOT NULL
    ORDER BY n.id FOR UPDATE;
    UPDATE notifications AS n SET outcome = n.outcome | c.flags
    FROM (SELECT u.id, bit_or(u.flags) AS flags FROM unnest(ids, flags) AS u(id, flags) GROUP BY u.id) AS c
    WHERE n.id = c.id AND n.campaign_id IS NOT NULL AND n.outcome | c.flags <> n.outcome;
END $$;

CREATE FUNCTION campaign_outcome_of_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM campaign_outcome_add(array_agg(c.notification_id), array_agg(campaign_outcome_of_job(c.status)))
    FROM changed c WHERE campaign_outcome_of_job(c.status) <> 0
    HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_deliveries_inserted_outcome AFTER INSERT ON deliveries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION campaign_outcome_of_jobs();
CREATE TRIGGER tr_deliveries_updated_outcome AFTER UPDATE ON deliveries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION campaign_outcome_of_jobs();

CREATE FUNCTION campaign_outcome_of_inbox_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM campaign_outcome_add(array_agg(a.id), array_agg(1)) FROM added a HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_inbox_inserted_outcome AFTER INSERT ON inbox
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION campaign_outcome_of_inbox_rows();

CREATE FUNCTION campaign_outcome_of_inbox_reads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM campaign_outcome_add(array_agg(a.id), array_agg(2 | CASE WHEN a.clicked_at IS NOT NULL THEN 4 ELSE 0 END))
    FROM after_change a JOIN before_change b ON b.user_id = a.user_id AND b.id = a.id
    WHERE (b.read_at IS NULL AND a.read_at IS NOT NULL) OR (b.clicked_at IS NULL AND a.clicked_at IS NOT NULL)
    HAVING count(*) > 0;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_inbox_updated_outcome AFTER UPDATE ON inbox
    REFERENCING OLD TABLE AS before_change NEW TABLE AS after_change FOR EACH STATEMENT EXECUTE FUNCTION campaign_outcome_of_inbox_reads();
