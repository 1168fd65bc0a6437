package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess.Result;
import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/health-audit, the workstation's launcher: the extracted copy and the archive it makes and uses. */
class LauncherIT {

    private static final Path JAR = Path.of(System.getProperty("health-audit.jar", "target/health-audit.jar"))
            .toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theFirstRunMakesTheArchiveLaterRunsMapItAndANewBuildStartsOver() throws Exception {
        Path install = Files.createDirectories(tmp.resolve("install"));
        Path launcher = Files.copy(JAR.resolveSibling("health-audit"), install.resolve("health-audit"));
        Path jar = Files.copy(JAR, install.resolve("health-audit.jar"));
        Path home = tmp.resolve("home");
        Path config = Files.writeString(tmp.resolve("empty.yml"), "health-audit: {}\n");
        String[] run = {"run", "nightly", "--config", config.toString(), "--out", tmp.resolve("out").toString(),
            "--store", TestDatabase.newDatabase()};

        Result version = launch(launcher, home, Map.of(), "--version");
        assertThat(version.exitCode()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("health-audit ");
        Path dir;
        try (Stream<Path> dirs = Files.list(home.resolve("launcher"))) {
            dir = dirs.toList().get(0);
        }
        assertThat(dir.resolve("app/health-audit.jar")).isRegularFile();
        assertThat(dir.resolve("app/lib")).isDirectory();
        assertThat(dir.resolve("health-audit.jsa")).as("only a run or the demo trains the archive").doesNotExist();

        Result first = launch(launcher, home, Map.of(), run);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).doesNotContain("warning");
        assertThat(Files.size(dir.resolve("health-audit.jsa"))).isGreaterThan(10_000_000L);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("app", "extracted", "health-audit.jsa");
        }

        Path classes = tmp.resolve("classes.txt");
        Result second = launch(launcher, home, Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), run);
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(Files.readString(classes))
                .contains("ai.smartcloudops.audit.cli.HealthAuditCli source: shared objects file (top)");

        // a rebuilt jar: extracted again, and its archive made anew by its first run
        Instant rebuilt = Instant.now().plusSeconds(60);
        Files.setLastModifiedTime(jar, FileTime.from(rebuilt));
        Result after = launch(launcher, home, Map.of(), "--version");
        assertThat(after.exitCode()).as(after.output()).isZero();
        assertThat(dir.resolve("health-audit.jsa")).doesNotExist();
        assertThat(Files.getLastModifiedTime(dir.resolve("extracted")).toMillis()).isEqualTo(rebuilt.toEpochMilli());
    }

    @Test
    void withoutTheJarBesideItTheLauncherSaysWhatToBuild() throws Exception {
        Path launcher = Files.copy(JAR.resolveSibling("health-audit"), tmp.resolve("health-audit"));

        Result result = launch(launcher, tmp.resolve("home"), Map.of(), "--version");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output().strip()).isEqualTo("health-audit: " + tmp.resolve("health-audit.jar")
                + " is missing: build it with mvn -DskipTests package");
    }

    /** {@code bash health-audit ARGS} with its own home, this test's JVM, and the given environment. */
    private static Result launch(Path launcher, Path home, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.equals("JAVA_TOOL_OPTIONS") || name.equals("JAVA_OPTS"));
        builder.environment().put("HEALTH_AUDIT_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return JarProcess.run(builder, Duration.ofMinutes(2));
    }
}
