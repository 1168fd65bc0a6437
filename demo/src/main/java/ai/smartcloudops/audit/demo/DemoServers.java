package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a demo keeps the servers it runs as processes of their own (its PostgreSQL servers, pgbouncer, its
 * redis-servers), each leaving a pid file in its directory, and which it holds locked while it runs. A demo killed
 * with -9 leaves those processes running but loses the lock, so the next demo takes the lock, stops every process a
 * pid file names whose command line still names that pid file's directory (a process that reused the pid is a
 * stranger and is left alone), clears the directory and starts afresh. The demo's store is stopped the same way:
 * its data directory is given as one more place to look.
 */
public final class DemoServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoServers.class);
    private static final String LOCK = "demo.lock";
    private static final String PID_FILE = ".pid";
    /** A PostgreSQL server asked to stop shuts down in well under this; a process that does not is killed. */
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DemoServers(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dir} for a demo about to start: stops what a killed demo left running there and in
     * {@code storeDir}, and empties {@code dir}. Fails when a demo running now holds it.
     */
    public static DemoServers take(Path dir, Path storeDir) {
        Path servers = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(servers);
            channel = FileChannel.open(servers.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IllegalStateException("another demo is running with its servers in " + servers
                        + "; stop it first");
            }
            List<String> stopped = stopLeftOver(pidFiles(servers, storeDir.toAbsolutePath().normalize()));
            if (!stopped.isEmpty()) {
                LOG.info("stopped {} server(s) a killed demo left running: {}", stopped.size(),
                        String.join(", ", stopped));
            }
            clear(servers);
            return new DemoServers(servers, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot take the demo's directory " + servers, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The directory of a server of this demo; it starts empty. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** The pid file a server started in {@code serverDir} writes (or is given) so the next demo can find it. */
    public static Path pidFile(Path serverDir, String name) {
        return serverDir.toAbsolutePath().normalize().resolve(name + PID_FILE);
    }

    /** Records {@code pid} as the process of the server in {@code serverDir} (for one that writes no pid file). */
    public static void record(Path serverDir, String name, long pid) throws IOException {
        Files.writeString(pidFile(serverDir, name), pid + "\n", StandardCharsets.UTF_8);
    }

    /** Empties the directory of the demo's servers (they are stopped by now) and lets the next demo take it. */
    @Override
    public void close() {
        try {
            clear(dir);
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }
    }

    /** Every pid file below the demo's directory, and the store's postmaster.pid. */
    private static List<Path> pidFiles(Path servers, Path storeDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> found = Files.find(servers, 3, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().endsWith(PID_FILE))) {
            found.forEach(files::add);
        }
        Path store = storeDir.resolve("postmaster" + PID_FILE);
        if (Files.isRegularFile(store)) {
            files.add(store);
        }
        return files;
    }

    /** Asks every process that is ours to stop, all at once, then waits for each; one that does not is killed. */
    private static List<String> stopLeftOver(List<Path> pidFiles) {
        List<ProcessHandle> ours = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path pidFile : pidFiles) {
            ours(pidFile).ifPresent(process -> {
                ours.add(process);
                names.add(process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("process")
                        + " (pid " + process.pid() + ")");
                process.destroy();
            });
        }
        for (ProcessHandle process : ours) {
            if (!exited(process, GRACE)) {
                process.destroyForcibly();
                exited(process, GRACE);
            }
        }
        return names;
    }

    /**
     * The live process a pid file names, when its command line names the pid file's directory: PostgreSQL's -D,
     * pgbouncer's configuration file, the title a demo redis-server shows.
     */
    private static Optional<ProcessHandle> ours(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
            if (!first.matches("\\d{1,10}")) {
                return Optional.empty();
            }
            String dir = pidFile.getParent().toString();
            return ProcessHandle.of(Long.parseLong(first)).filter(ProcessHandle::isAlive)
                    .filter(process -> process.pid() != ProcessHandle.current().pid())
                    .filter(process -> commandLine(process).contains(dir));
        } catch (IOException e) {
            return Optional.empty();   // gone with its process
        }
    }

    /**
     * The process's command line as it shows it: /proc on Linux holds the title a redis-server sets, which the
     * JDK's view of the arguments leaves out.
     */
    private static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // it ended meanwhile
        }
        return process.info().commandLine().orElse("");
    }

    private static boolean exited(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;   // a demo of this JVM holds it
        }
    }

    /** Deletes everything in the directory but its lock file. */
    private static void clear(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(child -> !child.getFileName().toString().equals(LOCK)).forEach(Demo::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the demo's directory " + dir, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }
}
