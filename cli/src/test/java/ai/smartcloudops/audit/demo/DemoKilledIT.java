package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.run.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's demo killed with -9 once its store runs leaves its servers running (every PostgreSQL, every
 * redis-server, pgbouncer where installed); the next demo stops exactly those, starts, and completes.
 */
class DemoKilledIT {

    /** The demo's PostgreSQL servers (application, analytics, replica, store) and its three redis-servers. */
    private static final int SERVERS = 7 + (DemoPgBouncer.available() ? 1 : 0);

    @TempDir
    Path home;

    @TempDir
    Path out;

    @AfterEach
    void stopWhatIsLeft() {
        ours().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void theNextDemoStopsWhatAKilledOneLeftRunningAndStarts() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads command lines from /proc (Linux)");
        Process killed = demo().redirectOutput(out.resolve("killed.log").toFile()).start();
        Path storePid = Demo.storeDir(home).resolve("postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!storeReady(storePid) && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(storeReady(storePid)).as(Files.readString(out.resolve("killed.log"))).isTrue();
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<ProcessHandle> orphans = ours();
        String left = orphans.stream().map(o -> o.pid() + " " + commandLine(o)).reduce("", (a, b) -> a + "\n" + b);
        assertThat(orphans).as("servers left running: " + left).hasSize(SERVERS);

        Process next = demo().start();
        String output = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(next.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(next.exitValue()).as(output).isEqualTo(ExitCodes.OK);
        assertThat(output).as(left).contains("stopped " + SERVERS + " server(s) a killed demo left running: ")
                .doesNotContain("Gave up waiting");
        assertThat(orphans).noneMatch(ProcessHandle::isAlive);
        assertThat(ours()).as("servers of the second demo, which stopped them").isEmpty();
    }

    /**
     * Whether the store's server accepts connections (its postmaster.pid says "ready"), past initdb; the file comes
     * and goes while the server starts and stops around initdb.
     */
    private static boolean storeReady(Path postmasterPid) throws IOException {
        try {
            return Files.readAllLines(postmasterPid).stream().anyMatch(line -> line.strip().equals("ready"));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private ProcessBuilder demo() throws IOException {
        return JarProcess.of(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dhealth-audit.home=" + home),
                List.of("demo", "--out", out.toString()));
    }

    /**
     * The live processes whose command line names the demo's home, but not their parent's: the servers of a demo
     * there (a PostgreSQL backend shows its server's command line until it sets its own).
     */
    private List<ProcessHandle> ours() {
        String dir = home.toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses().filter(process -> commandLine(process).contains(dir))
                .filter(process -> process.parent().map(parent -> !commandLine(parent).contains(dir)).orElse(true))
                .toList();
    }

    /** As {@link DemoServers} reads it: /proc holds a redis-server's title. */
    private static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
