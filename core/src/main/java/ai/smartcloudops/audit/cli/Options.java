package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.finding.Severity;
import picocli.CommandLine;

/** Converters shared by the commands. */
final class Options {

    private Options() {
    }

    static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            return Severity.parse(value);
        }
    }
}
