-- A counter is compared with the previous sample of the same instance, whichever job took it: each sample records
-- when it was stored (earlier samples: when their run started), and the latest one before a run is found by index.
ALTER TABLE metric_sample ADD COLUMN taken_at TIMESTAMPTZ;
UPDATE metric_sample s SET taken_at = r.started_at FROM audit_run r WHERE r.id = s.run_id;
ALTER TABLE metric_sample ALTER COLUMN taken_at SET DEFAULT now();
ALTER TABLE metric_sample ALTER COLUMN taken_at SET NOT NULL;
-- a pod's namespace, name and container together may be longer than 200 characters
ALTER TABLE metric_sample ALTER COLUMN name TYPE TEXT;
CREATE INDEX metric_sample_latest ON metric_sample (target, name, taken_at DESC);
