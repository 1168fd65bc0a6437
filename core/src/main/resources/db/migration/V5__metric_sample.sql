-- numbers a check keeps from run to run (cumulative counters such as Redis keyspace hits): every value of a run
CREATE TABLE metric_sample (
    run_id   BIGINT           NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    target   VARCHAR(200)     NOT NULL,
    name     VARCHAR(200)     NOT NULL,
    value    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (run_id, target, name)
);
