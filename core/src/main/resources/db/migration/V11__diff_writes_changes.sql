-- The diff writes only what changed: a finding that persists unchanged costs it no row. Its verdict is read, not
-- stored: new when its state was first seen in the run, persisting otherwise, once the run is diffed; only the
-- verdicts a state cannot tell (new again, regressed) are rows of run_finding_state. Rows already there stay: they say
-- what is now read.
ALTER TABLE audit_run ADD COLUMN diffed_at TIMESTAMPTZ;
UPDATE audit_run r SET diffed_at = coalesce(r.finished_at, r.started_at)
    WHERE EXISTS (SELECT 1 FROM run_finding_state v WHERE v.run_id = r.id);

-- when a state was last seen is its fingerprint's latest finding (indexed by fingerprint): kept on the state, it was
-- a write per finding per run
ALTER TABLE finding_state DROP COLUMN last_seen_run, DROP COLUMN last_seen_at;
-- no longer rewritten at every run: its pages can be full
ALTER TABLE finding_state RESET (fillfactor);

-- every finding's verdict, as the diff judged it; null until its run is diffed
CREATE VIEW finding_verdict AS
    SELECT f.run_id, f.fingerprint, CASE WHEN r.diffed_at IS NULL THEN NULL WHEN v.state IS NOT NULL THEN v.state
            WHEN s.first_seen_run = f.run_id THEN 'new' ELSE 'persisting' END AS state
        FROM finding f JOIN audit_run r ON r.id = f.run_id
        LEFT JOIN finding_state s ON s.fingerprint = f.fingerprint
        LEFT JOIN run_finding_state v ON v.run_id = f.run_id AND v.fingerprint = f.fingerprint;
