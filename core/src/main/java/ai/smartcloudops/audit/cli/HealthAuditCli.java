package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.run.Errors;
import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.MemoryGuard;
import ai.smartcloudops.audit.run.UsageException;
import ai.smartcloudops.audit.store.StoreUnavailableException;
import ai.smartcloudops.audit.text.Printable;
import java.io.PrintWriter;
import java.util.Arrays;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.properties.bind.BindException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: parses arguments, runs one command, returns the exit code. */
@Command(name = "health-audit", mixinStandardHelpOptions = true, version = "health-audit 0.1.0",
        description = "Health audit of the SmartCloudOps production estate.",
        footerHeading = "%nExample:%n", footer = "  health-audit run nightly --config config/health-audit.yml --fail-on P1",
        subcommands = {RunCommand.class, DemoCommand.class, ReportCommand.class, ChecksCommand.class,
                ConfigCommand.class, WaiveCommand.class, FindingsCommand.class, RunsCommand.class,
                DiffCommand.class, ServeCommand.class, CompletionCommand.class})
public final class HealthAuditCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /**
     * The command line with its error handling: a usage error (a bad flag, a {@link UsageException}) or a
     * configuration error exits 2; anything else exits 1, each with one line on stderr.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HealthAuditCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE : ExitCodes.FAILED);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            MemoryGuard.rethrowIfOutOfMemory(e);
            Throwable cause = userFacing(e);
            boolean usage = cause instanceof UsageException || misconfigured(e);
            commandLine.getErr().println("health-audit: " + Printable.safe(!usage
                    && cause instanceof IllegalArgumentException ? bug(cause) : Errors.describe(cause)));
            return usage ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return cli;
    }

    /**
     * An IllegalArgumentException that no command turned into a usage error is a bug (a template that names no fact,
     * a renderer registered twice): said as one, with where it was thrown, for the report.
     */
    private static String bug(Throwable error) {
        StackTraceElement[] stack = error.getStackTrace();
        String where = Arrays.stream(stack).filter(f -> f.getClassName().startsWith("ai.smartcloudops."))
                .findFirst().or(() -> Arrays.stream(stack).findFirst())
                .map(f -> " at " + f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                        + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .orElse("");
        return "internal error, please report it: " + error.getClass().getSimpleName() + where + ": "
                + Errors.describe(error);
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

    /**
     * The store's own message when the store is the cause, a usage error's wherever it was raised (a bean that
     * refused what the user asked for), else the most specific cause of a start-up failure.
     */
    private static Throwable userFacing(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof UsageException) {
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
