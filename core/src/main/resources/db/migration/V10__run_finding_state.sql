-- The diff's verdict on each finding of a run (new, persisting, regressed) is a narrow row of its own, written once:
-- set on the wide finding row, it wrote a second version of every row of the run and both of its index entries.
CREATE TABLE run_finding_state (
    run_id      BIGINT      NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    fingerprint CHAR(64)    NOT NULL,
    state       VARCHAR(20) NOT NULL,
    PRIMARY KEY (run_id, fingerprint)
);
INSERT INTO run_finding_state (run_id, fingerprint, state)
    SELECT run_id, fingerprint, state FROM finding WHERE state IS NOT NULL;
ALTER TABLE finding DROP COLUMN state;

-- whether the finding was waived when last seen (one no longer waived is new again), kept by the diff, so judging a
-- run does not look up every finding of the run that saw it last
ALTER TABLE finding_state ADD COLUMN waived BOOLEAN NOT NULL DEFAULT false;
UPDATE finding_state s SET waived = true FROM finding l
    WHERE l.run_id = s.last_seen_run AND l.fingerprint = s.fingerprint AND l.waiver IS NOT NULL;
-- every diff rewrites the state of each fingerprint it sees: room on every page keeps those rewrites on the page
-- (HOT), without new index entries; the table has a row per fingerprint of the estate, not per run
ALTER TABLE finding_state SET (fillfactor = 50);
