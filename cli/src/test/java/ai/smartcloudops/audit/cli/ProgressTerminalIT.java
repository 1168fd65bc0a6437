package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.store.TestDatabase;
import ai.smartcloudops.audit.text.Quote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live progress lines on a real pseudo-terminal: util-linux {@code script} runs the packaged command line with
 * its standard streams on a pty, as a person at a terminal runs it, and records every byte it writes.
 */
class ProgressTerminalIT {

    private static final String ESC = "\u001b";
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path tmp;

    @Test
    void onATerminalEachAreaIsOneLiveLineRedrawnInPlace() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux script is not installed: no pseudo-terminal to test on");
        Path config = Files.writeString(tmp.resolve("app.yml"), """
                health-audit:
                  app:
                    services:
                      - name: api
                        urls:
                          refused: http://127.0.0.1:1/health
                          also-refused: http://127.0.0.1:1/ready
                """);
        List<String> command = new ArrayList<>(JarProcess.of(List.of(), List.of("run", "nightly", "--config",
                config.toString(), "--out", tmp.resolve("out").toString(), "--store", TestDatabase.newDatabase()))
                .command());
        String line = "stty cols 100 rows 40; exec " + String.join(" ", command.stream().map(Quote::shellWord)
                .toList());
        ProcessBuilder pty = new ProcessBuilder(SCRIPT.toString(), "-qefc", line, "/dev/null")
                .redirectErrorStream(true);
        pty.environment().put("TERM", "xterm-256color");
        pty.environment().remove("NO_COLOR");

        JarProcess.Result run = JarProcess.finish(pty.start(), Duration.ofMinutes(2));

        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        int summary = out.indexOf("health-audit nightly run ");
        assertThat(summary).as(out).isPositive();
        String progress = out.substring(0, summary);
        // drawn, then moved over and cleared (xterm's cuu1 and ed), then drawn again done: the area in bold
        assertThat(progress).contains(ESC + "[1mapp" + ESC + "[0m").contains(ESC + "[A\r" + ESC + "[J")
                .containsPattern("app\\S* +2/2 +checks +1 target +\\d+ findings? +\\d+\\.\\ds");
        assertThat(progress.substring(progress.lastIndexOf(ESC + "[J"))).as("the last drawing is the finished one")
                .containsPattern("app\\S* +2/2 +checks");
        assertThat(out).as("no terminal query: its answer would land in the user's shell")
                .doesNotContain(ESC + "[6n", ESC + "[c", ESC + "[?u");
        assertThat(out.substring(summary)).as("the summary is plain lines after the progress")
                .doesNotContain(ESC + "[A");
    }
}
