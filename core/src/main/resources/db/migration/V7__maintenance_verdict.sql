-- the verdict of a pre-maintenance run: its window, then one row per gate in the order they were evaluated
CREATE TABLE maintenance_verdict (
    run_id              BIGINT       PRIMARY KEY REFERENCES audit_run (id) ON DELETE CASCADE,
    maintenance_window  VARCHAR(100) NOT NULL
);

CREATE TABLE maintenance_gate (
    run_id     BIGINT       NOT NULL REFERENCES maintenance_verdict (run_id) ON DELETE CASCADE,
    position   INTEGER      NOT NULL,
    gate       VARCHAR(100) NOT NULL,
    passed     BOOLEAN      NOT NULL,
    detail     TEXT         NOT NULL,
    PRIMARY KEY (run_id, position)
);
