package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.history.HistoryQuery;
import ai.smartcloudops.audit.run.UsageException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "What appeared, resolved and regressed (got more severe) from one run to "
        + "another; a waived finding counts as absent.",
        footerHeading = "%nExample:%n", footer = "  health-audit diff 41 42 --format json")
final class DiffCommand extends HistoryCommand {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the earlier run")
    long from;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the later run")
    long to;

    @Override
    void print(HistoryQuery history, PrintWriter out, Listing.Format format) {
        HistoryQuery.Diff diff;
        try {
            diff = history.diff(from, to);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (format == Listing.Format.json) {
            Listing.json(out, diff);
            return;
        }
        if (format == Listing.Format.table) {
            out.println(Listing.cut(heading(diff.from()) + " -> " + heading(diff.to()), Listing.width()));
            out.printf("%d appeared, %d resolved, %d regressed%n", diff.appeared().size(), diff.resolved().size(),
                    diff.regressed().size());
        }
        Listing.print(out, format, diff.changes(), List.of(
                new Listing.Column<>("CHANGE", 9, HistoryQuery.Change::change),
                new Listing.Column<>("SEV", 5, DiffCommand::severity),
                new Listing.Column<>("CODE", 9, HistoryQuery.Change::code),
                new Listing.Column<>("TARGET RESOURCE", 0, c -> c.target() + " " + c.resource())));
    }

    private static String heading(HistoryQuery.RunRow run) {
        return run.job() + " run " + run.id() + " (" + RunsCommand.STARTED.format(run.startedAt()) + ")";
    }

    /** P1, or P2>P1 for one that regressed. */
    private static String severity(HistoryQuery.Change change) {
        if (change.before() == null || change.after() == null) {
            return (change.before() == null ? change.after() : change.before()).name();
        }
        return change.before() + ">" + change.after();
    }
}
