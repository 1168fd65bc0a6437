package ai.smartcloudops.audit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of every command that reads the configuration and the store. */
final class ConfigOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "report directory (default reports/out)")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "configuration (default config/health-audit.yml)")
    Path config;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "PostgreSQL store, e.g. jdbc:postgresql://db:5432/audit (default: embedded)")
    String store;

    /** The Spring arguments for these options, or empty when the configuration file is invalid. */
    Optional<List<String>> springArgs(PrintWriter err) throws IOException {
        Path file = AuditLauncher.configFile(config);
        if (file != null && !AuditLauncher.validate(file, err)) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        if (file != null) {
            args.add("--spring.config.additional-location=file:" + file.toAbsolutePath());
        }
        if (store != null) {
            args.add("--spring.datasource.url=" + store);
        }
        if (out != null) {
            args.add("--health-audit.out=" + out);
        }
        return Optional.of(args);
    }
}
