package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.text.Printable;
import ai.smartcloudops.audit.waiver.Waivers;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "waive", description = "Waive a finding code on the resources a pattern matches, until a date; "
        + "or list the active waivers.",
        footerHeading = "%nExample:%n", footer = "  health-audit waive K8S-201 --match 'prod/Pod/batch/*' --reason \"retries by design\" "
                + "--owner alice --expires 2026-12-31")
final class WaiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CODE", description = "a code of the catalogue, or *")
    String code;

    @Option(names = "--match", paramLabel = "PATTERN",
            description = "glob over target/kind/namespace/name, e.g. prod/Pod/smartcloudops/smartcloudops-api-*")
    String match;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why the finding is accepted")
    String reason;

    @Option(names = "--owner", paramLabel = "WHO", description = "who answers for the waiver")
    String owner;

    @Option(names = "--expires", paramLabel = "DATE",
            description = "2026-12-31 (waived through that day, UTC) or 2026-12-31T18:00:00Z")
    String expires;

    @Option(names = "--list", description = "list the active waivers (stored and configured) instead")
    boolean list;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Instant now = Clock.systemUTC().instant();
        Instant expiresAt = null;
        if (!list) {
            Optional<String> problem = problem(now);
            if (problem.isPresent()) {
                err.println("health-audit waive: " + problem.get());
                return ExitCodes.USAGE;
            }
            expiresAt = AuditProperties.Waiver.expiresAt(expires.strip());
        }
        Optional<List<String>> args = options.springArgs(err);
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        try (ConfigurableApplicationContext context = AuditLauncher.start(args.get())) {
            Waivers waivers = context.getBean(Waivers.class);
            PrintWriter out = spec.commandLine().getOut();
            if (list) {
                for (Waivers.Waiver w : waivers.active(now)) {
                    out.println((w.id() == null ? "config" : String.valueOf(w.id())) + "\t" + w.code() + "\t"
                            + Printable.escape(w.match()) + "\t" + Printable.escape(w.text()));
                }
                return ExitCodes.OK;
            }
            long id = waivers.add(code, match.strip(), reason.strip(), owner.strip(), expiresAt);
            out.println("waiver " + id + ": " + code + " on " + match.strip() + " waived by " + owner.strip()
                    + " until " + expiresAt);
            return ExitCodes.OK;
        }
    }

    /** What is wrong with the arguments of a new waiver, if anything. */
    private Optional<String> problem(Instant now) {
        if (code == null || code.isBlank()) {
            return Optional.of("CODE is required (or --list)");
        }
        Optional<String> unknown = ChecksCommand.catalogue().unknown(code, true);
        if (unknown.isPresent()) {
            return unknown;
        }
        for (String[] option : new String[][] {{"--match", match}, {"--reason", reason}, {"--owner", owner},
                {"--expires", expires}}) {
            if (option[1] == null || option[1].isBlank()) {
                return Optional.of(option[0] + " is required and must not be empty");
            }
        }
        Instant expiresAt;
        try {
            expiresAt = AuditProperties.Waiver.expiresAt(expires.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("--expires must be a date such as 2026-12-31 or an instant such as "
                    + "2026-12-31T18:00:00Z, got '" + expires + "'");
        }
        if (!expiresAt.isAfter(now)) {
            return Optional.of("--expires " + expires + " is not in the future");
        }
        return Optional.empty();
    }
}
