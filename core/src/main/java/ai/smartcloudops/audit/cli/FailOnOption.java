package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Severity;
import picocli.CommandLine.Option;

/** --fail-on, shared by every command that runs an audit. */
final class FailOnOption {

    @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = Options.SeverityConverter.class,
            description = "exit 3 when a finding is at or above this severity: P0, P1, P2, P3")
    Severity failOn;
}
