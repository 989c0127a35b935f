-- Persistent-stream queues (issue 11), shared by every silo of the cluster: any silo inserts, the silo that owns a
-- queue's pulling agent reads it.
--
-- Why a per-queue counter and not a bigserial id: sequence values are handed out when a transaction asks, not when
-- it commits, so a reader reading "after the last id it saw" could pass over an id whose transaction commits late and
-- never read it. stream_queues.last_seq is instead advanced by the enqueue's own statement, which holds that row's
-- lock until it commits: a second enqueue into the queue waits for the first to commit and only then takes the next
-- numbers. Per queue, numbers therefore become visible in the order they were given, and "seq > last read" skips
-- nothing. The counter survives the deletion of its rows, so numbers never repeat.
CREATE TABLE stream_queues (
    provider text NOT NULL,
    queue integer NOT NULL,
    last_seq bigint NOT NULL,
    PRIMARY KEY (provider, queue));

CREATE TABLE stream_messages (
    provider text NOT NULL,
    queue integer NOT NULL,
    seq bigint NOT NULL,
    stream_id text NOT NULL,
    payload bytea NOT NULL,
    enqueued_at bigint NOT NULL,
    PRIMARY KEY (provider, queue, seq));
