package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.history.HistoryQuery;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "runs", description = "List the latest runs, newest first, with their score and the counts of their "
        + "findings (not waived) per severity.",
        footerHeading = "%nExample:%n", footer = "  health-audit runs --job nightly --last 10")
final class RunsCommand extends HistoryCommand {

    static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Option(names = "--job", paramLabel = "JOB", description = "only runs of this job, e.g. nightly")
    String job;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "how many runs (default 20)")
    int last;

    @Override
    void validate() {
        if (last < 1) {
            throw new ParameterException(spec.commandLine(), "--last must be at least 1, got " + last);
        }
    }

    @Override
    void print(HistoryQuery history, PrintWriter out, Listing.Format format) {
        Listing.print(out, format, history.runs(job == null || job.isBlank() ? null : job.trim(), last), columns());
    }

    static List<Listing.Column<HistoryQuery.RunRow>> columns() {
        return List.of(
                new Listing.Column<>("RUN", 6, r -> String.valueOf(r.id())),
                new Listing.Column<>("JOB", 15, HistoryQuery.RunRow::job),
                new Listing.Column<>("STARTED UTC", 16, r -> STARTED.format(r.startedAt())),
                new Listing.Column<>("TOOK", 4, r -> r.finishedAt() == null ? "-"
                        : Listing.span(Duration.between(r.startedAt(), r.finishedAt()))),
                new Listing.Column<>("STATUS", 9, r -> r.status().toLowerCase(Locale.ROOT)),
                new Listing.Column<>("SCORE", 5, r -> r.score() == null ? "-" : r.score() + " " + grade(r)),
                new Listing.Column<>("P0", 3, r -> count(r, Severity.P0)),
                new Listing.Column<>("P1", 3, r -> count(r, Severity.P1)),
                new Listing.Column<>("P2", 3, r -> count(r, Severity.P2)),
                new Listing.Column<>("P3", 0, r -> count(r, Severity.P3)));
    }

    private static String grade(HistoryQuery.RunRow run) {
        return run.grade() == null ? "" : run.grade();
    }

    private static String count(HistoryQuery.RunRow run, Severity severity) {
        return String.valueOf(run.findings().get(severity));
    }
}
