package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.AuditService;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.Shard;
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

@Command(name = "run", description = "Run an audit job (nightly, hourly) against the configured estate, or the "
        + "weekly-report job. In a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, JOB_COMPLETIONS, HEALTH_AUDIT_RUN_KEY) "
        + "each pod audits its share of the targets and the last one reports the run.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "nightly, hourly or weekly-report")
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

    @Override
    public Integer call() throws Exception {
        var areas = Options.areas(only);
        Shard shard = Shard.fromEnvironment(System.getenv());
        Optional<List<String>> args = options.springArgs(spec.commandLine().getErr());
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if ((job == null) == (restart == null)) {
            throw new ParameterException(spec.commandLine(), "give either a JOB to run or --restart RUN_ID");
        }
        AuditLauncher.Audit audit = restart != null
                ? (audits, out) -> audits.restart(restart)
                : (audits, out) -> audits.run(new AuditService.Request(job, "cli", areas, target, out, shard));
        return AuditLauncher.run(args.get(), audit, failOn.failOn, spec.commandLine().getOut());
    }
}
