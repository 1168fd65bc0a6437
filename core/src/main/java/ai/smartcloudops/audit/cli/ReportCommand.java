package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportWriter;
import ai.smartcloudops.audit.report.junit.JunitReportRenderer;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.RunStore;
import ai.smartcloudops.audit.run.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "Render the reports of a stored run again.",
        footerHeading = "%nExample:%n", footer = "  health-audit report --run 42 --format html,xlsx --out /tmp/reports")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--run", paramLabel = "ID", description = "the run (default: the last completed run)")
    Long run;

    @Option(names = "--format", split = ",", paramLabel = "FORMAT",
            description = "html, xlsx, json (default: these three), junit (pre-maintenance runs)")
    List<String> formats = List.of();

    @Override
    public Integer call() throws Exception {
        Optional<List<String>> args = options.springArgs(spec.commandLine().getErr());
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        try (ConfigurableApplicationContext context = AuditLauncher.start(args.get())) {
            RunStore runs = context.getBean(RunStore.class);
            long id = (run != null ? runs.find(run).orElseThrow(() -> new UsageException("no run with id " + run))
                    : runs.latestCompleted().orElseThrow(() -> new UsageException("the store has no completed run "
                    + "yet"))).id();
            ReportWriter writer = context.getBean(ReportWriter.class);
            Set<String> wanted = formats.isEmpty() ? writer.defaults() : formats.stream()
                    .map(f -> f.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
            if (!writer.formats().containsAll(wanted)) {
                throw new UsageException("unknown report format '" + wanted.stream()
                        .filter(f -> !writer.formats().contains(f)).findFirst().orElseThrow()
                        + "'; valid formats: " + String.join(", ", writer.formats()));
            }
            Path out = context.getBean(AuditProperties.class).out();
            ReportModel model = context.getBean(ReportModelFactory.class).build(id);
            if (model.verdict() == null && wanted.contains(JunitReportRenderer.FORMAT)) {
                throw new UsageException("--format " + JunitReportRenderer.refusal(model.run()));
            }
            Path dir = writer.write(model, out, wanted);
            spec.commandLine().getOut().println("run " + id + " rendered to " + dir);
            return ExitCodes.OK;
        }
    }
}
