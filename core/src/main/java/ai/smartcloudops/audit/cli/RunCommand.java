package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Schedule;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.report.junit.JunitReportRenderer;
import ai.smartcloudops.audit.run.AuditRequest;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.Shard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run an audit job (nightly, hourly, pre-maintenance --window START/DURATION) "
        + "against the configured estate, the weekly-report job, or the escalate job (open findings past their due "
        + "time escalated, without an audit). In a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, "
        + "JOB_COMPLETIONS, HEALTH_AUDIT_RUN_KEY) each pod audits its share of the targets and the last one reports "
        + "the run.",
        footerHeading = "%nExample:%n", footer = "  health-audit run hourly --only kubernetes,postgres --fail-on P1")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB",
            description = "nightly, hourly, pre-maintenance, weekly-report or escalate")
    String job;

    @Option(names = "--restart", paramLabel = "RUN_ID",
            description = "continue a failed or killed run from the step that did not complete")
    Long restart;

    @Option(names = "--only", split = ",", paramLabel = "AREA", description = "only these areas, e.g. kubernetes")
    List<String> only = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME", description = "only this target (cluster, database, ...)")
    String target;

    @Mixin
    FailOnOption failOn;

    @Mixin
    OutputOptions output;

    @Option(names = "--window", paramLabel = "START/DURATION",
            description = "pre-maintenance only: the maintenance window, e.g. 2026-12-01T22:00Z/4h")
    String window;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "pre-maintenance only: junit also writes <out>/<run-id>/junit.xml")
    List<String> formats = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var areas = AuditRequest.areas(only);
        Shard shard = Shard.fromEnvironment(System.getenv());
        Optional<List<String>> args = options.springArgs(spec.commandLine().getErr());
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if ((job == null) == (restart == null)) {
            throw new ParameterException(spec.commandLine(), "give either a JOB to run or --restart RUN_ID");
        }
        boolean junit = junit();
        MaintenanceWindow maintenance = AuditRequest.window(window, Instant.now());
        if (restart == null) {
            AuditRequest.check(job, areas, target, shard, maintenance);
        } else if (maintenance != null) {
            throw new ParameterException(spec.commandLine(), "--window is not for --restart: a restarted run keeps "
                    + "its window");
        }
        AuditLauncher.Audit audit = restart != null
                ? (audits, out) -> audits.restart(restart)
                : (audits, out) -> audits.run(new AuditRequest(job, "cli", areas, target, out, shard, maintenance));
        return AuditLauncher.run(args.get(), audit, failOn.failOn, junit, spec.commandLine().getOut(), output);
    }

    /** Whether --format asks for junit, the one format a run writes on request. */
    private boolean junit() {
        for (String format : formats) {
            if (!JunitReportRenderer.FORMAT.equals(format.trim())) {
                throw new ParameterException(spec.commandLine(), "--format of run takes only junit (html, xlsx "
                        + "and json are always written); got '" + format + "'");
            }
        }
        if (!formats.isEmpty() && restart == null && !Schedule.PRE_MAINTENANCE.job().equals(job)) {
            throw new ParameterException(spec.commandLine(), "--format junit is only for the pre-maintenance job");
        }
        return !formats.isEmpty();
    }
}
