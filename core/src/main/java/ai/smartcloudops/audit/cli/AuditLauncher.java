package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.HealthAuditApplication;
import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.config.ConfigValidator;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportWriter;
import ai.smartcloudops.audit.report.junit.JunitReportRenderer;
import ai.smartcloudops.audit.run.AuditService;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.UsageException;
import ai.smartcloudops.audit.store.StorePreflight;
import ai.smartcloudops.audit.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The one code path of every audit started from the command line, demo included. */
final class AuditLauncher {

    static final Path DEFAULT_CONFIG = Path.of("config", "health-audit.yml");

    private AuditLauncher() {
    }

    /** The config file to load: the given one, which must exist, or the default one when present. */
    static Path configFile(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new UsageException("config file " + given + " does not exist");
            }
            return given;
        }
        return Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    }

    /** Prints every problem of the file, each on one line with any URL's secrets masked; true when it is valid. */
    static boolean validate(Path file, PrintWriter err) throws IOException {
        List<ConfigValidator.Problem> problems = new ConfigValidator().validate(file);
        problems.forEach(p -> err.println(Printable.safe(p.toString())));
        return problems.isEmpty();
    }

    static ConfigurableApplicationContext start(List<String> springArgs, String... profiles) {
        return start(springArgs, Progress.none(), profiles);
    }

    /** @param progress told how far the run's sweep has come */
    private static ConfigurableApplicationContext start(List<String> springArgs, Progress progress,
                                                        String... profiles) {
        return new SpringApplicationBuilder(HealthAuditApplication.class)
                .listeners(new StorePreflight(), progress)
                .profiles(profiles)
                .run(springArgs.toArray(String[]::new));
    }

    /** What to do with the audit service: start a run or restart one. */
    interface Audit {
        AuditService.Outcome on(AuditService audits, Path outRoot) throws Exception;
    }

    /**
     * Runs one audit in a fresh application context and prints its summary; returns the exit code. A
     * pre-maintenance run's exit code is its verdict's (0 GO, 3 NO-GO) whatever --fail-on says; with {@code junit}
     * its junit.xml is written beside the other reports. The progress is over before the summary is printed.
     */
    static int run(List<String> springArgs, Audit audit, Severity failOn, boolean junit, PrintWriter out,
                   OutputOptions output) throws Exception {
        Progress progress = output.progress(out);
        try (progress; ConfigurableApplicationContext context = start(springArgs, progress)) {
            Path outRoot = context.getBean(AuditProperties.class).out();
            AuditService.Outcome outcome = audit.on(context.getBean(AuditService.class), outRoot);
            progress.close();
            Verdict verdict = outcome.report().verdict();
            if (junit && outcome.completed() && verdict != null) {
                context.getBean(ReportWriter.class).write(outcome.report(), outRoot,
                        Set.of(JunitReportRenderer.FORMAT));
            }
            Summary.print(out, outcome, failOn);
            if (!outcome.completed()) {
                return ExitCodes.FAILED;
            }
            if (verdict != null) {
                return verdict.go() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
            // a shard that is not the last sees part of the run: the last one applies --fail-on to all of it
            return failOn != null && !outcome.waiting() && outcome.report().failing(failOn) > 0
                    ? ExitCodes.FINDINGS : ExitCodes.OK;
        }
    }
}
