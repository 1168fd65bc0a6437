package ai.smartcloudops.audit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM whose heap runs out ends at once with exit 1 and one line, whether it would throw or only thrash. */
class MemoryGuardTest {

    /**
     * A process that keeps what it allocates until the heap is gone; with {@code thrash}, until the old generation is
     * just short of full, and then it only churns short-lived garbage: every collection frees almost nothing.
     */
    public static final class Hog {
        public static void main(String[] args) throws Exception {
            MemoryGuard.install(System.err);
            boolean thrash = args.length > 0 && args[0].equals("thrash");
            MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getName().contains("Tenured")).findFirst().orElseThrow();
            List<byte[]> kept = new ArrayList<>();
            while (!thrash || old.getUsage().getUsed() < old.getUsage().getMax() / 1000 * 985) {
                kept.add(new byte[16 * 1024]);
            }
            Thread worker = new Thread(() -> {
                long churned = 0;
                while (true) {
                    churned += new byte[1024].length;
                }
            }, "sweep-check-1");
            worker.start();
            worker.join();
        }
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Hog.class.getName()));
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(ended ? process.exitValue() : -1, output, Duration.ofNanos(System.nanoTime() - started));
    }

    private record Result(int exitCode, String output, Duration took) {
    }

    @Test
    void anOutOfMemoryErrorEndsTheProcessWithExit1AndOneLine() throws Exception {
        Result result = run();

        assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.output().strip().lines()).singleElement().asString()
                .matches("health-audit: out of memory (in thread main \\(Java heap space\\)|\\(the heap is still 98% "
                        + "full after garbage collection\\)) with a maximum heap of \\d+ MB: stopping \\(exit 1\\); "
                        + "give the JVM more memory .*");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aHeapFullAfterEveryCollectionEndsTheProcessInsteadOfThrashing() throws Exception {
        Result result = run("thrash");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.output().strip().lines()).singleElement().asString()
                .startsWith("health-audit: out of memory (the heap is still 98% full after garbage collection)");
        assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
    }
}
