package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.run.ExitCodes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", description = "Run an audit job (nightly, hourly) against the configured estate.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "nightly or hourly")
    String job;

    @Option(names = "--only", split = ",", paramLabel = "AREA", description = "only these areas, e.g. kubernetes")
    List<String> only = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME", description = "only this target (cluster, database, ...)")
    String target;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = Options.SeverityConverter.class,
            description = "exit 3 when a finding is at or above this severity: P0, P1, P2, P3")
    Severity failOn;

    @Option(names = "--out", paramLabel = "DIR", description = "report directory (default reports/out)")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration (default config/health-audit.yml)")
    Path config;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "PostgreSQL store, e.g. jdbc:postgresql://db:5432/audit (default: embedded)")
    String store;

    @Override
    public Integer call() throws Exception {
        var areas = Options.areas(only);
        Path file = AuditLauncher.configFile(config);
        if (file != null && !AuditLauncher.validate(file, spec.commandLine().getErr())) {
            return ExitCodes.USAGE;
        }
        List<String> args = new ArrayList<>();
        if (file != null) {
            args.add("--spring.config.additional-location=file:" + file.toAbsolutePath());
        }
        if (store != null) {
            args.add("--spring.datasource.url=" + store);
        }
        if (out != null) {
            args.add("--health-audit.out=" + out);
        }
        return AuditLauncher.run(args, job, "cli", areas, target, failOn, spec.commandLine().getOut());
    }
}
