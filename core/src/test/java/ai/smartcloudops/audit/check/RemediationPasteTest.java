package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.finding.FindingCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every code's remediation, filled with hostile values for every placeholder, is pasted into bash: it must parse,
 * create no file through command substitution, backticks or a broken-out command, and hand every value to the
 * command that uses it as it is, inside one argument. The sandbox's PATH holds only a real {@code touch}; every
 * other command is caught by {@code command_not_found_handle}, which records its arguments.
 */
class RemediationPasteTest {

    private static final Path BASH = Path.of("/bin/bash");
    private static final Path TOUCH = Stream.of("/usr/bin/touch", "/bin/touch").map(Path::of)
            .filter(Files::isExecutable).findFirst().orElse(null);
    private static final String HOSTILE = "$(touch pwned)`touch pwned`;touch pwned|touch pwned&&touch pwned "
            + "'single\"double\\back\nnew line\r\u001b[2J<script>alert(1)</script> & !x #hash {name}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:(sql|sqlstr):)?([a-zA-Z][a-zA-Z0-9_]*)}");
    private static final Pattern IN_COMMENT = Pattern.compile("(^|\\s)#.*", Pattern.MULTILINE);

    @TempDir
    Path dir;

    static Stream<FindingCode> codes() {
        return TestCatalogue.get().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codes")
    void aPastedRemediationRunsOnlyItsCommandsAndPassesEveryValueAsOneArgument(FindingCode code) throws Exception {
        assumeTrue(Files.isExecutable(BASH) && TOUCH != null, "bash and touch are needed to paste into a shell");
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(code.remediation());
        while (m.find()) {
            values.put(m.group(2), m.group(2) + ":" + HOSTILE);
        }
        Path script = dir.resolve("remediation.sh");
        Files.writeString(script, Template.command(code.remediation(), values, code.code()) + "\n");

        Process parse = new ProcessBuilder(BASH.toString(), "-n", script.toString()).redirectErrorStream(true)
                .start();
        assertThat(parse.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(parse.exitValue()).as("bash -n of %s:%n%s%n%s", code.code(), Files.readString(script),
                new String(parse.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        List<String> arguments = paste(script);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).as(code.code()).doesNotContain("pwned");
        }
        m = PLACEHOLDER.matcher(code.remediation());
        while (m.find()) {
            String value = values.get(m.group(2));
            String expected = "sql".equals(m.group(1)) ? '"' + value.replace("\"", "\"\"") + '"'
                    : "sqlstr".equals(m.group(1)) ? "'" + value.replace("'", "''") + "'" : value;
            if (inComment(code.remediation(), m.start())) {
                assertThat(Files.readString(script)).as(code.code() + " comment")
                        .contains(expected.replace("\n", "\\n").replace("\r", "\\r").replace("\u001b", "\\u001b"));
            } else if (wholeWord(code.remediation(), m.start(), m.end())) {
                assertThat(arguments).as("%s %s in %s", code.code(), m.group(), arguments).contains(expected);
            } else {
                assertThat(arguments).as("%s %s in %s", code.code(), m.group(), arguments)
                        .anyMatch(a -> a.contains(expected));
            }
        }
    }

    /**
     * Whether the placeholder is a word of its own outside any quotes (an even number of each quote before it,
     * comments left out), so its value must be one argument exactly.
     */
    private static boolean wholeWord(String template, int start, int end) {
        String before = IN_COMMENT.matcher(template.substring(0, start)).replaceAll("");
        return (start == 0 || Character.isWhitespace(template.charAt(start - 1)))
                && (end == template.length() || Character.isWhitespace(template.charAt(end)))
                && before.chars().filter(c -> c == '\'').count() % 2 == 0
                && before.chars().filter(c -> c == '"').count() % 2 == 0;
    }

    private static boolean inComment(String template, int at) {
        int lineStart = template.lastIndexOf('\n', at - 1) + 1;
        return IN_COMMENT.matcher(template.substring(lineStart, at)).find();
    }

    /** Runs the script with no command but touch on PATH; returns every argument the other commands received. */
    private List<String> paste(Path script) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("touch"), TOUCH);
        Path work = Files.createDirectories(dir.resolve("work"));
        Path log = Files.createDirectories(dir.resolve("argv"));
        Path prelude = dir.resolve("prelude.sh");
        // one file per command: the commands of a pipeline run at once
        Files.writeString(prelude, "command_not_found_handle() { printf '%s\\0' \"$@\" > \"$ARGV_LOG/$BASHPID\"; }\n");
        ProcessBuilder builder = new ProcessBuilder(BASH.toString(), script.toString()).directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", bin.toString(), "HOME", work.toString(),
                "BASH_ENV", prelude.toString(), "ARGV_LOG", log.toString()));
        Process bash = builder.start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("the pasted script ends").isTrue();
        List<String> arguments = new ArrayList<>();
        try (Stream<Path> commands = Files.list(log)) {
            for (Path command : commands.toList()) {
                arguments.addAll(Arrays.asList(Files.readString(command).split("\0")));
            }
        }
        return arguments;
    }
}
