-- A fleet run: the pods of a Kubernetes Indexed Job each audit their share of the targets, all writing one run.
-- run_key is the key the pods share (the Job's UID); shards is how many pods write the run (1 for a single pod).
ALTER TABLE audit_run ADD COLUMN run_key VARCHAR(200) UNIQUE;
ALTER TABLE audit_run ADD COLUMN shards INTEGER NOT NULL DEFAULT 1;

-- what each shard wrote, so a restarted shard replaces only its own rows
ALTER TABLE finding ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE check_execution ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_sample ADD COLUMN shard INTEGER NOT NULL DEFAULT 0;

-- the shards whose sweep is stored; the one that completes the set finishes the run (diff, escalation, reports)
CREATE TABLE audit_run_shard (
    run_id      BIGINT      NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    shard       INTEGER     NOT NULL,
    swept_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, shard)
);
