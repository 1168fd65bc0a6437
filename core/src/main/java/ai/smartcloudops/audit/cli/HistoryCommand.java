package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.history.HistoryQuery;
import ai.smartcloudops.audit.run.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that reads the store's history and prints it: findings, runs, diff. */
abstract class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Mixin
    Listing.FormatOption output;

    /** Checks the arguments before the store is opened; throws a ParameterException naming the bad one. */
    void validate() {
    }

    abstract void print(HistoryQuery history, PrintWriter out, Listing.Format format);

    @Override
    public final Integer call() throws Exception {
        validate();
        Optional<List<String>> args = options.springArgs(spec.commandLine().getErr());
        if (args.isEmpty()) {
            return ExitCodes.USAGE;
        }
        try (ConfigurableApplicationContext context = AuditLauncher.start(args.get())) {
            print(context.getBean(HistoryQuery.class), spec.commandLine().getOut(), output.format);
            return ExitCodes.OK;
        }
    }
}
