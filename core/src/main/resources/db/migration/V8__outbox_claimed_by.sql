-- The job execution whose notify step claimed a row: when `run --restart` ends an execution whose process died, the
-- rows it claimed go back to pending at once instead of after the abandoned-claim timeout.
ALTER TABLE notification_outbox ADD COLUMN claimed_by BIGINT;
