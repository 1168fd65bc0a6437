-- health-audit store: one row per run, its coverage, its findings, and the state of every finding across runs.

CREATE TABLE audit_run (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job             VARCHAR(40)  NOT NULL,
    trigger_kind    VARCHAR(40)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          VARCHAR(20)  NOT NULL,
    score           INTEGER,
    options         TEXT
);
CREATE INDEX audit_run_job_started ON audit_run (job, started_at DESC);

-- coverage: what each (check, target) did in a run, and why it did not run when it did not
CREATE TABLE check_execution (
    run_id          BIGINT       NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    check_id        VARCHAR(100) NOT NULL,
    target          VARCHAR(200) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    duration_ms     BIGINT       NOT NULL,
    findings        INTEGER      NOT NULL,
    reason          TEXT,
    PRIMARY KEY (run_id, check_id, target)
);

CREATE TABLE finding (
    run_id             BIGINT       NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    fingerprint        CHAR(64)     NOT NULL,
    check_id           VARCHAR(100) NOT NULL,
    code               VARCHAR(20)  NOT NULL,
    severity           VARCHAR(2)   NOT NULL,
    area               VARCHAR(40)  NOT NULL,
    target             VARCHAR(200) NOT NULL,
    resource_kind      VARCHAR(100) NOT NULL,
    resource_namespace VARCHAR(253),
    resource_name      VARCHAR(253) NOT NULL,
    title              TEXT         NOT NULL,
    detail             TEXT         NOT NULL,
    evidence           TEXT         NOT NULL,
    remediation        TEXT         NOT NULL,
    state              VARCHAR(20),
    PRIMARY KEY (run_id, fingerprint)
);
CREATE INDEX finding_fingerprint ON finding (fingerprint);

-- identity of a finding across runs (fingerprint = hash of code, target, resource)
CREATE TABLE finding_state (
    fingerprint       CHAR(64)     PRIMARY KEY,
    code              VARCHAR(20)  NOT NULL,
    severity          VARCHAR(2)   NOT NULL,
    status            VARCHAR(20)  NOT NULL,
    first_seen_run    BIGINT       NOT NULL,
    first_seen_at     TIMESTAMPTZ  NOT NULL,
    last_seen_run     BIGINT       NOT NULL,
    last_seen_at      TIMESTAMPTZ  NOT NULL,
    resolved_run      BIGINT,
    resolved_at       TIMESTAMPTZ,
    escalation_level  INTEGER      NOT NULL DEFAULT 0,
    last_notified_at  TIMESTAMPTZ
);
CREATE INDEX finding_state_status ON finding_state (status);

CREATE TABLE waiver (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code              VARCHAR(20)  NOT NULL,
    match_pattern     VARCHAR(500) NOT NULL,
    reason            TEXT         NOT NULL,
    owner             VARCHAR(200) NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at        TIMESTAMPTZ  NOT NULL
);

CREATE TABLE notification_outbox (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id            BIGINT       NOT NULL REFERENCES audit_run (id) ON DELETE CASCADE,
    fingerprint       CHAR(64)     NOT NULL,
    channel           VARCHAR(40)  NOT NULL,
    kind              VARCHAR(20)  NOT NULL,
    payload           TEXT         NOT NULL,
    status            VARCHAR(20)  NOT NULL DEFAULT 'pending',
    attempts          INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_error        TEXT,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at           TIMESTAMPTZ,
    UNIQUE (fingerprint, channel, kind, run_id)
);
CREATE INDEX notification_outbox_pending ON notification_outbox (status, next_attempt_at);
