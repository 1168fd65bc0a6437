package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script, loaded by a real bash and asked what it completes, as a person's Tab asks it. */
class CompletionCommandTest {

    @TempDir
    static Path tmp;

    private static Path script;

    @BeforeAll
    static void generate() throws Exception {
        // a target named to run a command if its name reached the script unquoted
        Path config = Files.writeString(tmp.resolve("config.yml"), """
                health-audit:
                  app:
                    services:
                      - name: checkout-api
                        urls: {local: "http://127.0.0.1:1/health"}
                      - name: "x$(touch %s)"
                        urls: {local: "http://127.0.0.1:1/health"}
                """.formatted(tmp.resolve("pwned")));
        CliRun run = CliRun.of("completion", "bash", "--config", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        script = Files.writeString(tmp.resolve("health-audit.bash"), run.out());
    }

    @Test
    void bashCompletesCommandsJobsAreasCodesAndTheConfiguredTargets() throws Exception {
        assertThat(complete("health-audit", "ru")).containsExactly("run", "runs");
        assertThat(complete("health-audit", "run", "n")).containsExactly("nightly");
        assertThat(complete("health-audit", "run", "nightly", "--only", "po")).containsExactly("postgres");
        assertThat(complete("health-audit", "run", "nightly", "--target", "check")).containsExactly("checkout-api");
        assertThat(complete("health-audit", "findings", "--code", "PG-10")).contains("PG-101", "PG-107")
                .allSatisfy(code -> assertThat(code).startsWith("PG-10"));
        assertThat(complete("health-audit", "findings", "--team", "")).containsExactly("database", "network",
                "platform", "security");
        assertThat(complete("health-audit", "findings", "--format", "")).containsExactly("csv", "json", "table");
        assertThat(complete("health-audit", "waive", "TLS-10")).contains("TLS-101");
        assertThat(tmp.resolve("pwned")).as("a hostile target name never reaches the script").doesNotExist();
        assertThat(Files.readString(script)).doesNotContain("touch");
    }

    @Test
    void zshGetsTheSameFunctionsThroughBashcompinit() {
        CliRun zsh = CliRun.of("completion", "zsh", "--config", tmp.resolve("none.yml").toString());
        assertThat(zsh.exitCode()).isEqualTo(2);
        assertThat(zsh.err()).contains("none.yml does not exist");

        CliRun run = CliRun.of("completion", "zsh");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && "
                + "bashcompinit\n").contains("complete -F _complete_health-audit");
    }

    /** What Tab offers after {@code words}, the last one being the word under the cursor. */
    private static List<String> complete(String... words) throws Exception {
        String line = String.join(" ", words);
        String bash = "source " + script + "\n"
                + "COMP_WORDS=(" + line + (words[words.length - 1].isEmpty() ? " ''" : "") + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                // compopt complains outside a real completion; what it sets does not change the words offered
                + "_complete_health-audit health-audit 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\" | sed 's/ *$//' | sort\n";
        Process process = new ProcessBuilder("bash", "--norc", "-c", bash).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
