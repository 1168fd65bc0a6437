package ai.smartcloudops.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.cli.JarProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator starts it: where its embedded store lands, and how it ends out of memory. */
class PackagedJarIT {

    @TempDir
    Path tmp;

    @Test
    void theEmbeddedStoreLandsUnderHomeNotUnderThePasswdHome() throws Exception {
        Path home = tmp.resolve("srv-audit-a");
        Path passwdHome = tmp.resolve("passwd-home");

        Result run = run(Map.of("HOME", home.toString()), List.of("-Duser.home=" + passwdHome));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(home.resolve(".health-audit/store/PG_VERSION")).isRegularFile();
        // the JDK keeps its own font cache under user.home/.java; nothing of the audit's goes there
        assertThat(passwdHome.resolve(".health-audit")).doesNotExist();
    }

    @Test
    void healthAuditHomeWinsOverHome() throws Exception {
        Path home = tmp.resolve("home");
        Path auditHome = tmp.resolve("audit-home");

        Result run = run(Map.of("HOME", home.toString(), "HEALTH_AUDIT_HOME", auditHome.toString()), List.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(auditHome.resolve("store/PG_VERSION")).isRegularFile();
        assertThat(home.resolve(".health-audit")).doesNotExist();
    }

    @Test
    void outOfMemoryEndsTheProcessAtOnceWithOneLine() throws Exception {
        long started = System.nanoTime();

        // a heap this small cannot hold the application context
        Result run = run(Map.of("HOME", tmp.toString()), List.of("-Xms16m", "-Xmx16m"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output().strip().lines()).singleElement().asString()
                .startsWith("health-audit: out of memory").contains("with a maximum heap of 16 MB: stopping (exit 1)");
    }

    /** {@code run nightly} with an empty configuration, in the temp directory, with this environment. */
    private Result run(Map<String, String> env, List<String> jvmOptions) throws Exception {
        Path config = Files.writeString(tmp.resolve("empty.yml"), "health-audit: {}\n");
        ProcessBuilder builder = JarProcess.of(Stream.concat(Stream.of("-XX:TieredStopAtLevel=1"),
                        jvmOptions.stream()).toList(),
                List.of("run", "nightly", "--config", config.toString(), "--out", tmp.resolve("out").toString()))
                .directory(tmp.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("HEALTH_AUDIT_HOME")
                || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        return JarProcess.run(builder, Duration.ofSeconds(120));
    }
}
