package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "config", description = "Configuration commands.", subcommands = ConfigCommand.Validate.class,
        footerHeading = "%nExample:%n", footer = "  health-audit config validate config/health-audit.yml")
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: validate");
    }

    @Command(name = "validate", description = "Check a configuration file: syntax, keys and values.",
            footerHeading = "%nExample:%n", footer = "  health-audit config validate config/examples/smartcloudops-prod.yml")
    static final class Validate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
                description = "the file to check (default config/health-audit.yml)")
        Path file;

        @Override
        public Integer call() throws Exception {
            Path target = file != null ? file : AuditLauncher.DEFAULT_CONFIG;
            AuditLauncher.configFile(target);
            if (!AuditLauncher.validate(target, spec.commandLine().getErr())) {
                return ExitCodes.USAGE;
            }
            spec.commandLine().getOut().println(target + ": valid");
            return ExitCodes.OK;
        }
    }
}
