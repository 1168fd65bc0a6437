package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.check.Area;
import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    static Set<Area> areas(List<String> names) {
        return names.stream().map(Area::parse).collect(Collectors.toSet());
    }
}
