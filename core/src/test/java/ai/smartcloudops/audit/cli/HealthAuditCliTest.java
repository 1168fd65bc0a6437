package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.run.ExitCodes;
import ai.smartcloudops.audit.run.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import picocli.CommandLine;

/** Usage errors are caught before anything starts, exit 2 and name what is valid; a bug exits 1. */
class HealthAuditCliTest {

    @Test
    void anUnknownAreaNamesTheValidAreas() {
        CliRun run = CliRun.of("run", "nightly", "--only", "kubernets");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown area 'kubernets'; valid areas: kubernetes, postgres, redis");
    }

    @Test
    void anUnknownSeverityNamesTheValidOnes() {
        CliRun run = CliRun.of("run", "nightly", "--fail-on", "P7");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'P7' is not a severity; expected one of P0, P1, P2, P3");
    }

    @Test
    void aMissingJobOrCommandIsAUsageError() {
        assertThat(CliRun.of("run").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of().exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("config").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        CliRun run = CliRun.of("run", "nightly", "--config", "no/such/file.yml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("config file no/such/file.yml does not exist");
    }

    @Test
    void checksListsEveryCodeWithItsSeverityCheckAndSchedules() {
        CliRun run = CliRun.of("checks");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsPattern(
                "K8S-101 +P1 +kubernetes.node-conditions +hourly,nightly,pre-maintenance +Node \\{name} is NotReady");
        assertThat(run.out()).containsPattern("AUDIT-903 +P1 +audit.sweep");
    }

    /** A store that cannot answer: a job name reaching it would exit 1 for the store, not 2 for the name. */
    private static final String NO_STORE = "jdbc:postgresql://127.0.0.1:1/none";

    @Test
    void anUnknownJobIsRefusedBeforeTheStoreIsReached() {
        CliRun run = CliRun.of("run", "monthly", "--store", NO_STORE);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("health-audit: unknown job 'monthly'; valid jobs: escalate, hourly, "
                + "nightly, pre-maintenance, weekly-report\n");
    }

    @Test
    void anUnknownDemoJobIsRefusedBeforeTheDemoEstateStarts() {
        long started = System.nanoTime();
        CliRun run = CliRun.of("demo", "--job", "weekly");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).doesNotContain("demo estate");
        assertThat(run.err()).isEqualTo("health-audit: unknown job 'weekly'; valid jobs: escalate, hourly, "
                + "nightly, pre-maintenance, weekly-report\n");
        // the estate's databases, Redis and servers take seconds to start
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
    }

    /** The core alone is the container image's build: no demo estate, and one line that says where it is. */
    @Test
    void aBuildWithoutTheDemoEstateSaysSoInOneLine() {
        CliRun run = CliRun.of("demo", "--job", "hourly");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("health-audit: this build has no demo estate (the container image audits "
                + "real estates); the workstation build has it: mvn package, then java -jar target/health-audit.jar "
                + "demo\n");
    }

    @Test
    void anIllegalArgumentNoCommandExpectedIsABugThatExitsOneWithOneLineSayingWhere() {
        CliRun run = failing(new IllegalArgumentException(
                "K8S-101: no value for {node} in template 'Node {node} is NotReady'"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("health-audit: internal error, please report it: IllegalArgumentException "
                + "at HealthAuditCliTest.anIllegalArgumentNoCommandExpectedIsABugThatExitsOneWithOneLineSayingWhere")
                .contains("(HealthAuditCliTest.java:")
                .endsWith("): K8S-101: no value for {node} in template 'Node {node} is NotReady'\n");
    }

    @Test
    void aUsageErrorExitsTwoWithItsMessageWhereverItWasRaised() {
        CliRun run = failing(new BeanCreationException("auditService", "could not create",
                new UsageException("no run with id 42")));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).isEqualTo("health-audit: no run with id 42\n");
    }

    /** The real command line with one more command, which fails with {@code failure}. */
    @Test
    void everyCommandsHelpEndsWithAnExample() {
        List<CommandLine> commands = new ArrayList<>();
        collect(HealthAuditCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                commands);

        assertThat(commands).hasSizeGreaterThan(12).allSatisfy(command -> assertThat(command.getUsageMessage())
                .as(command.getCommandSpec().qualifiedName())
                .containsPattern("\\nExample:\\n  (source <\\()?health-audit " + command.getCommandSpec().qualifiedName()
                        .replaceFirst("^health-audit ?", "") + "\\b"));
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static CliRun failing(RuntimeException failure) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HealthAuditCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cli.addSubcommand(new CommandLine(new Failing(failure)).setOut(cli.getOut()).setErr(cli.getErr()));
        int code = cli.execute("failing");
        return new CliRun(code, out.toString(), err.toString());
    }

    @CommandLine.Command(name = "failing")
    private static final class Failing implements Callable<Integer> {

        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }
}
