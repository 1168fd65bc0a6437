package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.Errors;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.MemoryGuard;
import ai.smartcloudops.audit.text.Printable;
import java.io.PrintWriter;
import ai.smartcloudops.audit.store.StoreUnavailableException;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.bind.BindException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: parses arguments, runs one command, returns the exit code. */
@Command(name = "health-audit", mixinStandardHelpOptions = true, version = "health-audit 0.1.0",
        description = "Health audit of the SmartCloudOps production estate.",
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, ChecksCommand.class,
                ConfigCommand.class, WaiveCommand.class, ServeCommand.class})
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
            MemoryGuard.rethrowIfOutOfMemory(e);
            commandLine.getErr().println("health-audit: " + Printable.safe(Errors.describe(userFacing(e))));
            return e instanceof IllegalArgumentException || misconfigured(e) ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    /**
     * A setting that failed to bind: a configuration error even when it came from the environment or a system
     * property, which `config validate` does not see.
     */
    private static boolean misconfigured(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** The store's own message when the store is the cause, else the most specific cause of a start-up failure. */
    private static Throwable userFacing(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException) {
                return t;
            }
        }
        return error instanceof BeansException beans ? beans.getMostSpecificCause() : error;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
