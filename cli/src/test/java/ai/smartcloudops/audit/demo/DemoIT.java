package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.TestCatalogue;
import ai.smartcloudops.audit.cli.CliRun;
import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.notify.Notifier;
import ai.smartcloudops.audit.notify.NotifyProperties;
import ai.smartcloudops.audit.run.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's run command: the demo, twice, through the real command line and its own embedded store. */
class DemoIT {

    @TempDir
    Path out;

    @TempDir
    Path home;

    private String previousHome;

    /** A fresh home per test: the demo keeps its store there, so the first run starts without history. */
    @BeforeEach
    void freshHome() {
        previousHome = System.setProperty("health-audit.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("health-audit.home");
        } else {
            System.setProperty("health-audit.home", previousHome);
        }
    }

    @Test
    void theDemoReportsEveryInjectedFaultThenReportsThemPersistingAndFailsOnP1() throws Exception {
        CliRun first = CliRun.of("demo", "--out", out.toString());

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        // not on a terminal: one line per area as it finishes, before the summary
        for (String area : List.of("kubernetes", "postgres", "redis", "tls")) {
            assertThat(first.out()).containsPattern("(?m)^" + area
                    + " +(\\d+)/\\1 +checks +\\d+ targets? +\\d+ findings? +\\d+\\.\\ds\n(.*\\n)*health-audit nightly run ");
        }
        Path latest = out.resolve("latest");
        assertThat(findings(latest)).isEqualTo(Map.of("new", expected()));
        assertThat(waivers(latest)).isEqualTo(new TreeMap<>(DemoEstate.WAIVED));
        String html = Files.readString(latest.resolve("report.html"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(latest.resolve("report.xlsx").toFile())) {
            Sheet all = workbook.getSheet("All findings");
            StringBuilder cells = new StringBuilder();
            all.forEach(row -> row.forEach(cell -> cells.append(cell.toString()).append('\n')));
            DemoEstate.FAULTS.forEach((code, resource) -> {
                String name = resource.substring(resource.lastIndexOf('/') + 1);
                assertThat(html).contains(code).contains(name);
                assertThat(cells.toString()).contains(code).contains(name);
            });
        }
        Map<String, Set<String>> triggered = notifications(latest, "trigger");
        // the demo's many P1 findings for #platform-alerts go there as one digest
        assertThat(Files.readString(latest.resolve(Notifier.FILE))).contains("\"kind\" : \"digest\"");
        assertThat(triggered).isEqualTo(expectedNotifications(latest));
        assertThat(channelsBySeverity(latest, triggered)).isEqualTo(Map.of(
                Severity.P0, Set.of("pagerduty", "slack", "email"),
                Severity.P1, Set.of("slack", "email"),
                Severity.P2, Set.of("webhook", "email")));

        CliRun second = CliRun.of("demo", "--out", out.toString(), "--fail-on", "P1", "--quiet");

        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(second.out()).as("--quiet: the summary alone").startsWith("health-audit nightly run ")
                .doesNotContainPattern("(?m)^kubernetes +\\d+/");
        // and growth since the first run's samples: the store remembers them from one demo to the next
        assertThat(findings(latest)).isEqualTo(Map.of("persisting", expected(),
                "new", new TreeMap<>(Demo.FAULTS_FROM_SECOND_RUN)));
        assertThat(home.resolve("demo")).isDirectory();
        long faults = Demo.FAULTS.values().stream().mapToLong(resources -> resources.split(", ").length).sum();
        assertThat(second.out()).contains("persisting " + faults + " ").contains("at or above P1");
        assertThat(notifications(latest, "trigger")).isEmpty();
    }

    @Test
    void theWeeklyReportJobMailsTheReportToTheDemoSmtpServer() {
        CliRun run = CliRun.of("demo", "--job", "weekly-report", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).containsOnlyOnce("weekly report \"").containsOnlyOnce("\" sent to "
                + DemoNotifications.WEEKLY_RECIPIENT + "; written to " + out.resolve("weekly-"));
    }

    @Test
    void theEstateHasAFaultForEveryKubernetesCode() {
        assertThat(DemoEstate.FAULTS.keySet()).containsExactlyInAnyOrderElementsOf(TestCatalogue.get().all().stream()
                .filter(code -> code.area() == Area.KUBERNETES).map(FindingCode::code).toList());
    }

    @Test
    void theDemoHasAFaultForEveryCodeOutsideKubernetes() {
        Set<String> shown = new TreeSet<>(Demo.FAULTS.keySet());
        shown.addAll(Demo.FAULTS_FROM_SECOND_RUN.keySet());
        if (!DemoPgBouncer.available()) {
            shown.addAll(DemoPgBouncer.FAULTS.keySet());   // needs the pgbouncer binary, which CI installs
        }
        assertThat(shown).containsAll(TestCatalogue.get().all().stream()
                .filter(code -> Set.of(Area.POSTGRES, Area.REDIS, Area.APP, Area.TLS, Area.PROMETHEUS, Area.LOGGING, Area.AWS).contains(code.area()))
                .map(FindingCode::code).toList());
    }

    @Test
    void anUnknownJobIsAUsageErrorNamingTheValidOnes() {
        CliRun run = CliRun.of("demo", "--job", "weekly", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("unknown job 'weekly'; valid jobs: escalate, hourly, nightly, pre-maintenance, "
                        + "weekly-report");
    }

    private static Map<String, String> expected() {
        return new TreeMap<>(Demo.FAULTS);
    }

    /**
     * fingerprint → channels of every notification in notifications.json, each of the kind given and sent (or told in
     * a sent digest); failing on a notification of another kind.
     */
    private static Map<String, Set<String>> notifications(Path dir, String kind) throws Exception {
        JsonNode file = JsonMapper.builder().build().readTree(dir.resolve(Notifier.FILE).toFile());
        Map<String, Set<String>> byFingerprint = new TreeMap<>();
        for (JsonNode n : file.get("notifications")) {
            String what = n.get("code").asString() + " " + n.get("channel").asString();
            if (n.get("kind").asString().equals("digest")) {   // a Slack channel's many triggers in one message
                assertThat(n.get("status").asString()).as(what).isEqualTo("sent");
                continue;
            }
            assertThat(n.get("kind").asString()).as(what).isEqualTo(kind);
            boolean digested = n.get("status").asString().equals("digested");
            assertThat(n.get("status").asString()).as(what).isIn("sent", "digested");
            assertThat(n.get("attempts").asInt()).as(what).isEqualTo(digested ? 0 : 1);
            byFingerprint.computeIfAbsent(n.get("fingerprint").asString(), f -> new TreeSet<>())
                    .add(n.get("channel").asString());
        }
        return byFingerprint;
    }

    /**
     * fingerprint → channels of every new finding that is not waived and whose severity's route, in the default
     * escalation matrix, has channels (every channel is configured in the demo).
     */
    private static Map<String, Set<String>> expectedNotifications(Path dir) throws Exception {
        Map<Severity, NotifyProperties.Route> matrix = defaults().severities();
        JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("findings.json").toFile());
        Map<String, Set<String>> expected = new TreeMap<>();
        for (JsonNode f : report.get("findings")) {
            List<String> channels = matrix.get(Severity.valueOf(f.get("severity").asString())).channels();
            if (f.get("waiver").isNull() && "new".equals(f.get("state").asString()) && !channels.isEmpty()) {
                expected.put(f.get("fingerprint").asString(), new TreeSet<>(channels));
            }
        }
        return expected;
    }

    /** severity → the channels its findings were notified on, each finding of a severity on the same ones. */
    private static Map<Severity, Set<String>> channelsBySeverity(Path dir, Map<String, Set<String>> notified)
            throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("findings.json").toFile());
        Map<Severity, Set<String>> bySeverity = new EnumMap<>(Severity.class);
        for (JsonNode f : report.get("findings")) {
            Set<String> channels = notified.get(f.get("fingerprint").asString());
            if (channels != null) {
                Severity severity = Severity.valueOf(f.get("severity").asString());
                Set<String> seen = bySeverity.putIfAbsent(severity, channels);
                assertThat(channels).as(f.get("code").asString()).isEqualTo(seen == null ? channels : seen);
            }
        }
        return bySeverity;
    }

    private static NotifyProperties defaults() {
        return new NotifyProperties(null, null, null, null, null, null, null, null, null, null);
    }

    /** code → Kind/namespace/name of every waived finding. */
    private static Map<String, String> waivers(Path dir) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("findings.json").toFile());
        Map<String, String> byCode = new TreeMap<>();
        for (JsonNode f : report.get("findings")) {
            if (!f.get("waiver").isNull()) {
                JsonNode r = f.get("resource");
                byCode.put(f.get("code").asString(), r.get("kind").asString() + "/" + r.get("namespace").asString()
                        + "/" + r.get("name").asString());
                assertThat(f.get("waiver").asString()).contains("owner platform-team");
            }
        }
        return byCode;
    }

    /**
     * code → Kind/namespace/name of every finding in the state given (a code found on several resources lists them
     * all), failing on any other state.
     */
    /** state → code → Kind/namespace/name of every finding in findings.json. */
    private static Map<String, Map<String, String>> findings(Path dir) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("findings.json").toFile());
        Map<String, Map<String, Set<String>>> byState = new TreeMap<>();
        for (JsonNode f : report.get("findings")) {
            JsonNode r = f.get("resource");
            String ns = r.get("namespace").isNull() ? "" : r.get("namespace").asString() + "/";
            byState.computeIfAbsent(f.get("state").asString(), state -> new TreeMap<>())
                    .computeIfAbsent(f.get("code").asString(), code -> new TreeSet<>())
                    .add(r.get("kind").asString() + "/" + ns + r.get("name").asString());
        }
        Map<String, Map<String, String>> joined = new TreeMap<>();
        byState.forEach((state, byCode) -> byCode.forEach((code, resources) -> joined
                .computeIfAbsent(state, x -> new TreeMap<>()).put(code, String.join(", ", resources))));
        return joined;
    }
}
