package ai.smartcloudops.audit.check.app;

import java.util.List;
import java.util.Objects;

/**
 * What the audit saw of one service's health URLs in a run: each URL's probe, in configuration order, taken on the
 * run's one bounded pool with every other service's (see {@link AppTargets}) and inspected by every APP check.
 */
record AppSnapshot(AppProperties.Service service, List<Probe> probes) {

    AppSnapshot {
        Objects.requireNonNull(service, "service");
        probes = List.copyOf(probes);
    }
}
