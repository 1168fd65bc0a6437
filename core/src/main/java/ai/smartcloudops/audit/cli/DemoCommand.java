package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.config.Home;
import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.run.AuditRequest;
import ai.smartcloudops.audit.run.Shard;
import ai.smartcloudops.audit.run.UsageException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = "Start a local estate with injected faults and audit it, "
        + "with its own store under ~/.health-audit/demo.",
        footerHeading = "%nExample:%n", footer = "  health-audit demo --job pre-maintenance --window 2026-12-01T22:00Z/4h")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--job", defaultValue = "nightly",
            description = "the job to run: nightly (default), hourly, pre-maintenance, weekly-report, "
                    + "escalate")
    String job;

    @Option(names = "--out", paramLabel = "DIR", description = "report directory (default reports/out)")
    Path out;

    @Mixin
    FailOnOption failOn;

    @Mixin
    OutputOptions output;

    @Option(names = "--window", paramLabel = "START/DURATION",
            description = "pre-maintenance only: the maintenance window (default: starting in 1 h, for 4 h)")
    String window;

    /**
     * The pre-maintenance job's window: the given one, or one starting in an hour for four hours. The job and the
     * window are checked here, before the demo estate starts: an unknown job or a window with another job is refused
     * at once, as `run` refuses them.
     */
    private MaintenanceWindow maintenanceWindow() {
        Instant now = Instant.now();
        MaintenanceWindow chosen = AuditRequest.window(window, now);
        if (chosen == null && Schedule.PRE_MAINTENANCE.job().equals(job)) {
            chosen = new MaintenanceWindow(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES),
                    Duration.ofHours(4));
        }
        AuditRequest.check(job, Set.of(), null, Shard.SINGLE, chosen);
        return chosen;
    }

    /** health-audit's home: health-audit.home as a system property or HEALTH_AUDIT_HOME, else {@link Home#audit}. */
    private static Path home() {
        String home = System.getProperty("health-audit.home", System.getenv("HEALTH_AUDIT_HOME"));
        return (home == null || home.isBlank() ? Home.audit() : Path.of(home)).toAbsolutePath().normalize();
    }

    @Override
    public Integer call() throws Exception {
        MaintenanceWindow maintenance = maintenanceWindow();
        Path home = home();
        DemoEstates estates = ServiceLoader.load(DemoEstates.class).findFirst().orElseThrow(() -> new UsageException(
                "this build has no demo estate (the container image audits real estates); the workstation build "
                        + "has it: mvn package, then java -jar target/health-audit.jar demo"));
        try (DemoEstates.Running demo = estates.start(Clock.systemUTC(), home)) {
            if (!output.quiet) {
                spec.commandLine().getOut().println(demo.describe());
            }
            List<String> args = new ArrayList<>(demo.properties());
            if (out != null) {
                args.add("--health-audit.out=" + out);
            }
            return AuditLauncher.run(args, (audits, outRoot) -> audits.run(new AuditRequest(job, "demo", Set.of(),
                    null, outRoot, Shard.SINGLE, maintenance)), failOn.failOn, false,
                    spec.commandLine().getOut(), output);
        }
    }
}
