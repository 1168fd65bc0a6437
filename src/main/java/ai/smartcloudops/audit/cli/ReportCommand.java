package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.ReportModelFactory;
import ai.smartcloudops.audit.report.ReportWriter;
import ai.smartcloudops.audit.report.junit.JunitReportRenderer;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.RunStore;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "Render the reports of a stored run again.")
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
            long id = run != null ? runs.get(run).id() : runs.latestCompleted()
                    .orElseThrow(() -> new IllegalArgumentException("the store has no completed run yet")).id();
            ReportWriter writer = context.getBean(ReportWriter.class);
            Path out = context.getBean(AuditProperties.class).out();
            ReportModel model = context.getBean(ReportModelFactory.class).build(id);
            if (model.verdict() == null && formats.stream()
                    .anyMatch(f -> JunitReportRenderer.FORMAT.equalsIgnoreCase(f.trim()))) {
                throw new IllegalArgumentException("--format " + JunitReportRenderer.refusal(model.run()));
            }
            Path dir = writer.write(model, out, formats.isEmpty() ? writer.defaults() : new LinkedHashSet<>(formats));
            spec.commandLine().getOut().println("run " + id + " rendered to " + dir);
            return ExitCodes.OK;
        }
    }
}
