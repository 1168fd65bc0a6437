package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.history.HistoryQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "findings", description = "List the findings of the store at their latest sighting: first and last "
        + "seen, state (open, waived, resolved), waiver, due time and whether it is overdue.",
        footerHeading = "%nExample:%n", footer = "  health-audit findings --open --severity P0,P1 --since 7d")
final class FindingsCommand extends HistoryCommand {

    @Option(names = "--open", description = "only findings that are open and not waived")
    boolean open;

    @Option(names = "--code", paramLabel = "CODE", description = "only this code, e.g. K8S-101")
    String code;

    @Option(names = "--area", paramLabel = "AREA", description = "only this area, e.g. kubernetes")
    String area;

    @Option(names = "--target", paramLabel = "NAME", description = "only this target (cluster, database, ...)")
    String target;

    @Option(names = "--team", paramLabel = "TEAM", description = "only this team's: platform, database, security, "
            + "network")
    String team;

    @Option(names = "--severity", split = ",", paramLabel = "SEVERITY", converter = Options.SeverityConverter.class,
            description = "only these severities, e.g. P0,P1")
    List<Severity> severities = new ArrayList<>();

    @Option(names = "--since", paramLabel = "AGE", description = "only findings seen in this time: 30m, 12h, 7d, 2w, "
            + "or since a date (2026-12-01) or instant")
    String since;

    private HistoryQuery.Filter filter;

    @Override
    void validate() {
        Instant now = Instant.now();
        try {
            filter = new HistoryQuery.Filter(open, blankToNull(code), area == null ? null : Area.parse(area),
                    blankToNull(target), team == null ? null : Team.parse(team),
                    severities.isEmpty() ? EnumSet.noneOf(Severity.class) : EnumSet.copyOf(severities),
                    since == null ? null : Since.parse(since, now));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    void print(HistoryQuery history, PrintWriter out, Listing.Format format) {
        Instant now = Instant.now();
        List<HistoryQuery.FindingRow> rows = history.findings(filter, now);
        Listing.print(out, format, rows, List.of(
                new Listing.Column<>("SEV", 3, r -> r.severity().name()),
                new Listing.Column<>("CODE", 9, HistoryQuery.FindingRow::code),
                new Listing.Column<>("STATE", 8, r -> r.status().toString()),
                new Listing.Column<>("FIRST", 5, r -> Listing.age(r.firstSeen(), now)),
                new Listing.Column<>("LAST", 5, r -> Listing.age(r.lastSeen(), now)),
                new Listing.Column<>("DUE", 11, r -> due(r, now)),
                new Listing.Column<>("TARGET RESOURCE", 0, r -> r.target() + " " + r.resource())));
    }

    /** "in 3h" while there is time, "overdue 2d" after, "-" for a finding no one is due to answer. */
    static String due(HistoryQuery.FindingRow row, Instant now) {
        if (row.due() == null) {
            return "-";
        }
        return (row.overdue() ? "overdue " : "in ") + Listing.age(row.due(), now);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
