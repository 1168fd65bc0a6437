package ai.smartcloudops.audit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.AuditRun;
import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.springframework.batch.core.job.parameters.JobParameters;

class AuditRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-29T02:30:00Z");
    private static final Path OUT = Path.of("reports/out");
    private static final MaintenanceWindow WINDOW = new MaintenanceWindow(NOW.plus(Duration.ofHours(1)),
            Duration.ofHours(4));

    @Test
    void aShardsRequestTravelsAsItsJobsParametersAndBack() {
        AuditRequest request = new AuditRequest("nightly", "cli", Set.of(Area.REDIS, Area.KUBERNETES), null, OUT,
                new Shard(2, 4, "uid-1"), null);

        JobParameters params = request.toJobParameters(7);

        assertThat(params.getLong(AuditRequest.RUN_ID)).isEqualTo(7);
        // one job instance per shard of a run: the run id and the shard identify it, nothing else
        assertThat(params.getIdentifyingParameters()).isEqualTo(AuditRequest.identity(7, 2).parameters());
        assertThat(AuditRequest.of(run("nightly", "cli"), params)).isEqualTo(request);
    }

    @Test
    void aPreMaintenanceRequestKeepsItsWindowAndATargetedOneItsTarget() {
        AuditRequest maintenance = new AuditRequest("pre-maintenance", "cli", Set.of(), null, OUT, Shard.SINGLE,
                WINDOW);
        AuditRequest targeted = new AuditRequest("hourly", "schedule", Set.of(), "prod", OUT);

        assertThat(AuditRequest.of(run("pre-maintenance", "cli"), maintenance.toJobParameters(3)))
                .isEqualTo(maintenance);
        assertThat(AuditRequest.of(run("hourly", "schedule"), targeted.toJobParameters(3))).isEqualTo(targeted);
    }

    @Test
    void anOnDemandRequestTravelsAsItsTriggersJobDataAndBack() {
        AuditRequest request = new AuditRequest("pre-maintenance", AuditRequest.ON_DEMAND, Set.of(), null, OUT,
                Shard.SINGLE, WINDOW);

        JobDataMap data = new JobDataMap(request.toJobData(9));

        assertThat(data.getLong(AuditRequest.RUN_ID)).isEqualTo(9);
        assertThat(AuditRequest.fromJobData(data, OUT)).isEqualTo(request);
    }

    @Test
    void anUnknownJobIsAUsageErrorNamingEveryJob() {
        assertThatThrownBy(() -> new AuditRequest("weekly", "cli", Set.of(), null, OUT))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown job 'weekly'; valid jobs: escalate, hourly, nightly, pre-maintenance, weekly-report");
    }

    @Test
    void theWindowBelongsToThePreMaintenanceJobAndItsGatesNeedEveryAreaAndTarget() {
        assertThatThrownBy(() -> new AuditRequest("pre-maintenance", "cli", Set.of(), null, OUT))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--window is required");
        assertThatThrownBy(() -> new AuditRequest("nightly", "cli", Set.of(), null, OUT, Shard.SINGLE, WINDOW))
                .isInstanceOf(UsageException.class)
                .hasMessage("--window is only for the pre-maintenance job, not nightly");
        assertThatThrownBy(() -> new AuditRequest("pre-maintenance", "cli", Set.of(Area.TLS), null, OUT,
                Shard.SINGLE, WINDOW))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--only and --target are not for");
    }

    @Test
    void aShardAuditsItsShareOfEveryTargetNeverOneTarget() {
        assertThatThrownBy(() -> new AuditRequest("nightly", "cli", Set.of(), "prod", OUT, new Shard(0, 2, "k"),
                null))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--target cannot be combined with a sharded run (JOB_COMPLETIONS=2)");
    }

    @Test
    void whatAUserTypedIsParsedIntoUsageErrors() {
        assertThat(AuditRequest.areas(List.of("postgres", " Redis"))).containsExactlyInAnyOrder(Area.POSTGRES,
                Area.REDIS);
        assertThatThrownBy(() -> AuditRequest.areas(List.of("dns")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("unknown area 'dns'; valid areas: ");
        assertThat(AuditRequest.window(null, NOW)).isNull();
        assertThat(AuditRequest.window("2026-11-29T03:30Z/4h", NOW)).isEqualTo(WINDOW);
        assertThatThrownBy(() -> AuditRequest.window("2026-11-28T22:00Z/4h", NOW))
                .isInstanceOf(UsageException.class).hasMessageContaining("already ended");
    }

    private static AuditRun run(String job, String trigger) {
        return new AuditRun(1, job, trigger, NOW, null, RunStatus.RUNNING, null, "", null, 1);
    }
}
