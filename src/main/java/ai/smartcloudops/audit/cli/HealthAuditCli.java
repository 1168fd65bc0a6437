package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.Errors;
import ai.smartcloudops.audit.run.ExitCodes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: parses arguments, runs one command, returns the exit code. */
@Command(name = "health-audit", mixinStandardHelpOptions = true, version = "health-audit 0.1.0",
        description = "Health audit of the SmartCloudOps production estate.",
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, ChecksCommand.class,
                ConfigCommand.class})
public final class HealthAuditCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new HealthAuditCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILED);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("health-audit: " + Errors.describe(e));
            return e instanceof IllegalArgumentException ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
