package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the next demo stops of the servers a killed demo left running, and what it leaves alone. */
class DemoServersTest {

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aProcessThatNamesItsPidFilesDirectoryIsStoppedAndAStrangerWithARecordedPidIsNot() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads command lines from /proc (Linux)");
        Path home = tmp.resolve("servers");
        Path store = tmp.resolve("store").toAbsolutePath();
        Path serverDir = Files.createDirectories(home.resolve("server")).toAbsolutePath();
        Files.createDirectories(store);
        // processes that run until stopped, with their directory on the command line as a demo server has it
        Process server = start("tail", "-f", Files.createFile(serverDir.resolve("server.log")).toString());
        Process storeServer = start("tail", "-f", Files.createFile(store.resolve("server.log")).toString());
        Process stranger = start("tail", "-f", Files.createFile(tmp.resolve("elsewhere.log")).toString());
        DemoServers.record(serverDir, "server", server.pid());
        DemoServers.record(Files.createDirectories(home.resolve("other")), "other", stranger.pid());
        Files.writeString(store.resolve("postmaster.pid"), storeServer.pid() + "\n" + store + "\n");

        try (DemoServers taken = DemoServers.take(home, store)) {
            assertThat(server.waitFor(5, TimeUnit.SECONDS)).as("the demo's server was stopped").isTrue();
            assertThat(storeServer.waitFor(5, TimeUnit.SECONDS)).as("the store was stopped").isTrue();
            assertThat(stranger.isAlive()).as("a process that reused a recorded pid").isTrue();
            assertThat(taken.resolve("server")).doesNotExist();
            try (var left = Files.list(home)) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly("demo.lock");
            }
        }
    }

    @Test
    void aHomeThatARunningDemoHoldsIsRefusedWithItsDirectoryNamed() {
        Path home = tmp.resolve("servers");
        try (DemoServers running = DemoServers.take(home, tmp.resolve("store"))) {
            assertThatThrownBy(() -> DemoServers.take(home, tmp.resolve("store")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("another demo is running with its servers in " + home.toAbsolutePath()
                            + "; stop it first");
        }
        DemoServers.take(home, tmp.resolve("store")).close();
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }
}
