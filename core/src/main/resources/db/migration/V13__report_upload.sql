-- A run whose reports S3 has not taken yet (the publish step failed to upload them): tried again, by the next publish
-- step or escalate job once next_attempt_at has passed, until it has; then the row goes.
CREATE TABLE report_upload (
    run_id          BIGINT       PRIMARY KEY REFERENCES audit_run (id) ON DELETE CASCADE,
    attempts        INTEGER      NOT NULL,
    last_error      TEXT         NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX report_upload_due ON report_upload (next_attempt_at);
