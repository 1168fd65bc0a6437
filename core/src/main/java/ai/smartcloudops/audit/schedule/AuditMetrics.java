package ai.smartcloudops.audit.schedule;

import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.run.AuditService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The runs this replica executed, for Prometheus: {@code health_audit_runs_total{job,status}} and
 * {@code health_audit_last_run_score{job}} (the health score, 0-100, of the job's last completed run).
 */
@Component
@Profile("serve")
public class AuditMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> scores = new ConcurrentHashMap<>();

    public AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String job, AuditService.Outcome outcome) {
        count(job, outcome.completed() ? RunStatus.COMPLETED : RunStatus.FAILED);
        if (outcome.completed() && Schedule.audits(job)) {
            scores.computeIfAbsent(job, j -> registry.gauge("health_audit.last_run_score",
                    Tags.of("job", j), new AtomicInteger()))
                    .set(outcome.report().run().score());
        }
    }

    void failed(String job) {
        count(job, RunStatus.FAILED);
    }

    private void count(String job, RunStatus status) {
        Counter.builder("health_audit.runs").description("audit runs executed by this replica")
                .tag("job", job).tag("status", status.toString()).register(registry).increment();
    }
}
