package ai.smartcloudops.audit.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** What an audit prints besides its summary: --quiet, --no-color (and NO_COLOR). */
final class OutputOptions {

    @Option(names = {"-q", "--quiet"}, description = "print only the summary, no progress")
    boolean quiet;

    @Option(names = "--no-color", description = "no colours (neither when NO_COLOR is set)")
    boolean noColor;

    Progress progress(PrintWriter out) {
        return quiet ? Progress.none() : Progress.forConsole(out, color(System.getenv("NO_COLOR")));
    }

    /** https://no-color.org: a NO_COLOR that is set and not empty turns colours off. */
    boolean color(String noColorVariable) {
        return !noColor && (noColorVariable == null || noColorVariable.isEmpty());
    }
}
