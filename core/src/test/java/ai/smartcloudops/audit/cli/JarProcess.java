package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.store.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged command line in a process of its own, as Kubernetes runs it: for tests of several processes. */
public final class JarProcess {

    /** The module's jar (failsafe names it): the image's in module core, the workstation's in module cli. */
    private static final Path JAR = Path.of(System.getProperty("health-audit.jar", "target/health-audit.jar"))
            .toAbsolutePath();

    private static Path launched;
    /** The class-data-sharing archive every process maps, where the jar is the image's. */
    private static Path sharedArchive;

    private JarProcess() {
    }

    /**
     * The jar a process starts: the workstation's as it is, the image's extracted with a class-data-sharing archive of
     * a training run, as the Dockerfile makes them (and so as the image runs it), once per build.
     */
    static synchronized Path launched() throws IOException {
        if (launched == null) {
            if ("extracted".equals(System.getProperty("health-audit.jar.layout"))) {
                Path dir = JAR.resolveSibling("extracted");
                Path thin = dir.resolve(JAR.getFileName());
                Path archive = dir.resolve("health-audit.jsa");
                // the test JVMs of one build (failsafe's forks) make them once, for all
                try (FileChannel lock = FileChannel.open(JAR.resolveSibling("extracted.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                    if (olderThan(thin, JAR)) {
                        make(thin, JAR, new ProcessBuilder(java(), "-Djarmode=tools", "-jar", JAR.toString(),
                                "extract", "--force", "--destination", dir.toString()));
                    }
                    if (olderThan(archive, thin)) {
                        make(archive, thin, training(thin, archive));
                    }
                }
                sharedArchive = archive;
                launched = thin;
            } else {
                launched = JAR;
            }
        }
        return launched;
    }

    /**
     * The Dockerfile's training run: one unreachable URL audited into a fresh store, on the image's JVM options, and
     * the classes it loaded archived at its exit.
     */
    private static ProcessBuilder training(Path thin, Path archive) throws IOException {
        Path work = Files.createDirectories(JAR.resolveSibling("training"));
        Path config = Files.writeString(work.resolve("training.yml"), """
                health-audit:
                  app:
                    services: [{name: training, urls: {local: "http://127.0.0.1:1/"}}]
                """);
        ProcessBuilder training = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:ArchiveClassesAtExit=" + archive, "-jar", thin.toString(), "run", "nightly", "--config",
                config.toString(), "--store", TestDatabase.newStore(), "--out", work.resolve("out").toString());
        training.environment().put("HEALTH_AUDIT_HOME", work.resolve("home").toString());
        return training;
    }

    private static boolean olderThan(Path made, Path from) throws IOException {
        return !Files.exists(made) || Files.getLastModifiedTime(made).compareTo(Files.getLastModifiedTime(from)) < 0;
    }

    /** Runs {@code maker} to make {@code made} from {@code from}, or fails with what it printed. */
    private static void make(Path made, Path from, ProcessBuilder maker) throws IOException {
        Result result;
        try {
            result = run(maker.redirectErrorStream(true), Duration.ofMinutes(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while making " + made);
        }
        if (olderThan(made, from)) {
            throw new IOException("could not make " + made + " (exit " + result.exitCode() + "): " + result.output());
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** How a process ended, and everything it printed (stderr into stdout). */
    public record Result(int exitCode, String output) {
    }

    /** {@code java <jvmOptions> -jar health-audit.jar <args>} on this JVM's java, stderr into stdout. */
    public static ProcessBuilder of(List<String> jvmOptions, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        Path jar = launched();
        if (sharedArchive != null) {
            command.add("-XX:SharedArchiveFile=" + sharedArchive);
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Starts the process and {@link #finish finishes} it. */
    public static Result run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        return finish(builder.start(), timeout);
    }

    /**
     * Waits at most {@code timeout} for the process to end, reading what it prints meanwhile (a process that fills
     * its pipe would never end), and fails the test with that output when it does not end in time.
     */
    public static Result finish(Process process, Duration timeout) throws InterruptedException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread pump = new Thread(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process ended or was killed: what it printed so far is kept
            }
        }, "jar-output");
        pump.start();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(10_000);
            String printed = output.toString(StandardCharsets.UTF_8);
            if (!ended) {
                throw new AssertionError("the process did not end within " + timeout + "; it printed:\n" + printed);
            }
            return new Result(process.exitValue(), printed);
        } finally {
            process.destroyForcibly();
        }
    }
}
