-- When a finding opened (first seen, seen again, or worse: a verdict row of run_finding_state, or its latest trigger)
-- is read per fingerprint for its due time; the verdict rows are few (only new-again and regressed), the index small.
CREATE INDEX run_finding_state_fingerprint ON run_finding_state (fingerprint);
