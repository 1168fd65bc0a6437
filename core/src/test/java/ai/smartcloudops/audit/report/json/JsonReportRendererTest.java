package ai.smartcloudops.audit.report.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.report.ReportFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class JsonReportRendererTest {

    private static final List<String> ITEM_FIELDS = List.of("code", "severity", "area", "target", "resource",
            "title", "detail", "evidence", "remediation", "fingerprint", "state", "firstSeen", "waiver", "team", "due",
            "overdue");

    @TempDir
    Path dir;

    private final JsonReportRenderer renderer = new JsonReportRenderer();
    private String text;
    private Map<String, Object> doc;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void render() throws Exception {
        Path file = dir.resolve(renderer.fileName());
        renderer.render(ReportFixtures.model(), file);
        text = Files.readString(file, StandardCharsets.UTF_8);
        doc = JsonMapper.builder().build().readValue(text, Map.class);
    }

    @Test
    void formatAndFileName() {
        assertThat(renderer.format()).isEqualTo("json");
        assertThat(renderer.fileName()).isEqualTo("findings.json");
    }

    @Test
    void topLevelFieldsInDocumentedOrder() {
        assertThat(doc.keySet()).containsExactly("run", "findings", "resolved", "coverage", "trend");
    }

    @Test
    void runHasExactFieldsAndValues() {
        Map<String, Object> run = map(doc.get("run"));
        assertThat(run.keySet()).containsExactly("id", "job", "trigger", "startedAt", "finishedAt", "status",
                "score", "grade");
        assertThat(run).containsEntry("id", 42).containsEntry("job", "nightly").containsEntry("trigger", "schedule")
                .containsEntry("startedAt", "2025-03-14T02:00:00Z").containsEntry("finishedAt", "2025-03-14T02:03:25Z")
                .containsEntry("status", "COMPLETED").containsEntry("score", 61).containsEntry("grade", "C");
    }

    @Test
    void findingsHaveExactFieldsMostSevereFirstWithStates() {
        List<Map<String, Object>> findings = list(doc.get("findings"));
        assertThat(findings).hasSize(4);
        for (Map<String, Object> f : findings) {
            assertThat(f.keySet()).containsExactlyElementsOf(ITEM_FIELDS);
            assertThat(map(f.get("resource")).keySet()).containsExactly("kind", "namespace", "name");
        }
        assertThat(findings).extracting(f -> f.get("code")).containsExactly("K8S-101", "K8S-201", "PG-201", "PG-301");
        assertThat(findings).extracting(f -> f.get("severity")).containsExactly("P0", "P1", "P2", "P3");
        assertThat(findings).extracting(f -> f.get("state"))
                .containsExactly("new", "persisting", "regressed", "persisting");
        assertThat(findings).extracting(f -> f.get("area"))
                .containsExactly("kubernetes", "kubernetes", "postgres", "postgres");
        // the owning team, and when it must have answered: the regressed P2 is past it as of the run
        assertThat(findings).extracting(f -> f.get("team"), f -> f.get("due"), f -> f.get("overdue")).containsExactly(
                tuple("platform", "2025-03-14T02:15:00Z", false), tuple("platform", null, false),
                tuple("database", "2025-03-13T06:00:00Z", true), tuple("database", null, false));
    }

    @Test
    void findingValuesAreCarriedVerbatim() {
        List<Map<String, Object>> findings = list(doc.get("findings"));
        Map<String, Object> node = findings.get(0);
        assertThat(map(node.get("resource"))).containsEntry("kind", "Node").containsEntry("namespace", null)
                .containsEntry("name", "ip-10-0-1-12.ec2.internal");
        assertThat(map(node.get("evidence")).keySet()).as("evidence keeps its order").containsExactly("status", "since");
        assertThat(node.get("firstSeen")).isEqualTo("2025-03-14T02:00:00Z");
        assertThat(node.get("fingerprint")).asString().hasSize(64);

        Map<String, Object> hostile = findings.get(1);
        assertThat(hostile.get("title")).isEqualTo(ReportFixtures.HOSTILE_TITLE);
        assertThat(hostile.get("detail")).isEqualTo(ReportFixtures.HOSTILE_DETAIL);
        Map<String, Object> locks = findings.get(2);
        assertThat(map(locks.get("evidence"))).containsEntry("query", ReportFixtures.HOSTILE_EVIDENCE);
        assertThat(map(locks.get("resource"))).containsEntry("name", ReportFixtures.HOSTILE_NAME);
        assertThat(locks.get("remediation")).isEqualTo(ReportFixtures.HOSTILE_REMEDIATION);
    }

    @Test
    void resolvedHasSameShapeAndStateResolved() {
        List<Map<String, Object>> resolved = list(doc.get("resolved"));
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).keySet()).containsExactlyElementsOf(ITEM_FIELDS);
        assertThat(resolved.get(0)).containsEntry("code", "K8S-202").containsEntry("state", "resolved");
    }

    @Test
    void coverageHasExactFields() {
        List<Map<String, Object>> coverage = list(doc.get("coverage"));
        assertThat(coverage).hasSize(4);
        for (Map<String, Object> c : coverage) {
            assertThat(c.keySet()).containsExactly("check", "target", "status", "durationMs", "findings", "reason");
        }
        assertThat(coverage.get(3)).containsEntry("check", "postgres.replication").containsEntry("status", "error")
                .containsEntry("durationMs", 3001).containsEntry("findings", 0)
                .containsEntry("reason", ReportFixtures.COVERAGE_ERROR_REASON);
        assertThat(coverage.get(0)).containsEntry("reason", null);
    }

    @Test
    void trendHasExactFieldsOldestFirst() {
        List<Map<String, Object>> trend = list(doc.get("trend"));
        for (Map<String, Object> p : trend) {
            assertThat(p.keySet()).containsExactly("runId", "startedAt", "score");
        }
        assertThat(trend).extracting(p -> p.get("runId")).containsExactly(40, 41, 42);
        assertThat(trend).extracting(p -> p.get("score")).containsExactly(83, 86, 61);
        assertThat(trend.get(0)).containsEntry("startedAt", "2025-03-12T02:00:00Z");
    }

    @Test
    void isPrettyPrinted() {
        assertThat(text).startsWith("{\n").contains("\n  \"run\" : {");
    }

    @Test
    void runningRunHasNullFinishedAtAndEmptyLists() throws Exception {
        Path file = dir.resolve("empty.json");
        renderer.render(ReportFixtures.empty(), file);
        @SuppressWarnings("unchecked")
        Map<String, Object> empty = JsonMapper.builder().build().readValue(Files.readString(file), Map.class);
        assertThat(map(empty.get("run"))).containsEntry("finishedAt", null).containsEntry("status", "RUNNING");
        assertThat(list(empty.get("findings"))).isEmpty();
        assertThat(list(empty.get("coverage"))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        assertThat(o).isInstanceOf(List.class);
        return (List<Map<String, Object>>) o;
    }

}
