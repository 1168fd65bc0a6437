package ai.smartcloudops.audit.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.store.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `serve` processes of the packaged jar on one embedded PostgreSQL: each fire time of a trigger runs once in
 * the cluster; when one process is killed, the other goes on firing. Two schedulers of one name cannot share a
 * JVM, hence two processes.
 */
class ServeClusterIT {

    private static final Duration EVERY = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();
    private String store;

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void eachFireTimeRunsOnceAndTheSurvivorTakesOver() throws Exception {
        store = TestDatabase.newDatabase();
        Path config = tmp.resolve("serve.yml");
        Files.writeString(config, """
                health-audit:
                  serve:
                    schedules:
                      hourly: "*/5 * * * * ?"
                      nightly: "off"
                      weekly-report: "off"
                      escalate: "off"
                    cluster-checkin-interval: 1s
                """);
        Path logA = tmp.resolve("a.log");
        Path logB = tmp.resolve("b.log");
        Process a = serve(config, logA, "a");
        Process b = serve(config, logB, "b");
        try {
            await(Duration.ofSeconds(90), () -> serving(logA) && serving(logB));
        } catch (AssertionError e) {
            throw new AssertionError("not both serving; a printed:\n" + Files.readString(logA) + "\nb printed:\n"
                    + Files.readString(logB), e);
        }
        Instant bothUp = Instant.now();

        Map<Instant, Integer> fired = await(Duration.ofSeconds(40),
                () -> fireTimes(after(bothUp)), runs -> runs.size() >= 3);
        assertThat(fired.values()).as("runs per fire time with both replicas up: %s", fired).containsOnly(1);
        assertConsecutive(fired.keySet());
        assertThat(a.isAlive() && b.isAlive()).isTrue();

        a.destroyForcibly().waitFor();
        // a killed replica's acquired trigger is recovered once the survivor misses its check-ins
        Instant recovered = Instant.now().plusSeconds(12);
        Map<Instant, Integer> afterKill = await(Duration.ofSeconds(50),
                () -> finishedFireTimes(after(recovered)), runs -> runs.size() >= 2);
        assertThat(afterKill.values()).as("runs per fire time on the survivor: %s", afterKill).containsOnly(1);
        assertConsecutive(afterKill.keySet());
        assertThat(b.isAlive()).isTrue();
        // the survivor ran them: it logs each run just after the run is marked completed in the store
        List<String> ended = TestDatabase.rows(store, "SELECT id FROM audit_run WHERE trigger_kind = 'schedule' "
                + "AND started_at > '" + recovered + "' AND status <> 'RUNNING' ORDER BY id");
        assertThat(ended).isNotEmpty();
        await(Duration.ofSeconds(10), () -> {
            String survivor = Files.readString(logB);
            return ended.stream().allMatch(id -> survivor.contains("run " + id + " (hourly) completed"));
        });
        assertThat(fireTimes(fire -> true).values()).as("every fire time of the whole test").containsOnly(1);
    }

    private Process serve(Path config, Path log, String name) throws IOException {
        ProcessBuilder builder = JarProcess.of(List.of("-Xmx384m"), List.of("serve", "--config", config.toString(),
                "--store", store, "--out", tmp.resolve("out-" + name).toString())).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("HEALTH_AUDIT_HOME", tmp.resolve("home-" + name).toString());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static boolean serving(Path log) throws IOException {
        return Files.exists(log) && Files.readString(log).contains("serving on port");
    }

    private static Predicate<Instant> after(Instant instant) {
        return fire -> fire.isAfter(instant);
    }

    /** Scheduled runs by the fire time they recorded, with how many runs each fire time got (running or not). */
    private Map<Instant, Integer> fireTimes(Predicate<Instant> which) throws Exception {
        return fireTimes(which, "");
    }

    /** Only fire times whose runs all ended, so their outcome is logged. */
    private Map<Instant, Integer> finishedFireTimes(Predicate<Instant> which) throws Exception {
        return fireTimes(which, " AND NOT EXISTS (SELECT 1 FROM audit_run r WHERE r.trigger_kind = 'schedule' "
                + "AND r.status = 'RUNNING' AND r.options = audit_run.options)");
    }

    private Map<Instant, Integer> fireTimes(Predicate<Instant> which, String condition) throws Exception {
        Map<Instant, Integer> runs = new TreeMap<>();
        for (String row : TestDatabase.rows(store, "SELECT fire || ' ' || count(*) FROM (SELECT "
                + "substring(options from 'scheduled=(\\S+)') AS fire FROM audit_run WHERE trigger_kind = 'schedule'"
                + condition + ") AS runs GROUP BY fire")) {
            String[] parts = row.split(" ");
            Instant fire = Instant.parse(parts[0]);
            if (which.test(fire)) {
                runs.put(fire, Integer.parseInt(parts[1]));
            }
        }
        return runs;
    }

    private static void assertConsecutive(Iterable<Instant> fires) {
        Instant last = null;
        for (Instant fire : fires) {
            if (last != null) {
                assertThat(Duration.between(last, fire)).as("gap before %s", fire).isEqualTo(EVERY);
            }
            last = fire;
        }
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static void await(Duration limit, Probe<Boolean> done) throws Exception {
        await(limit, done, Boolean::booleanValue);
    }

    private static <T> T await(Duration limit, Probe<T> probe, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        T value = probe.get();
        while (!done.test(value)) {
            assertThat(Instant.now()).as("waited %s; last seen %s", limit, value).isBefore(deadline);
            Thread.sleep(250);
            value = probe.get();
        }
        return value;
    }
}
