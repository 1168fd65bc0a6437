package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.ExitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run an audit job (nightly, hourly) against the configured estate.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", paramLabel = "JOB", description = "nightly or hourly")
    String job;

    @Option(names = "--only", split = ",", paramLabel = "AREA", description = "only these areas, e.g. kubernetes")
    List<String> only = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME", description = "only this target (cluster, database, ...)")
    String target;

    @Mixin
    FailOnOption failOn;

    @Override
    public Integer call() throws Exception {
        var areas = Options.areas(only);
        Optional<List<String>> args = options.springArgs(spec.commandLine().getErr());
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        return AuditLauncher.run(args.get(), job, "cli", areas, target, failOn.failOn,
                spec.commandLine().getOut());
    }
}
