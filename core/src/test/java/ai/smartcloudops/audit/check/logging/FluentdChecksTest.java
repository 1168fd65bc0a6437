package ai.smartcloudops.audit.check.logging;

import static ai.smartcloudops.audit.check.logging.LoggingFixtures.PLUGINS;
import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.SampleHistory;
import ai.smartcloudops.audit.check.Samples;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FluentdChecksTest {

    private final LoggingFixtures fluentd = new LoggingFixtures();
    private final Instant now = LocalDate.of(2025, 3, 14).atTime(10, 0).toInstant(ZoneOffset.UTC);

    @AfterEach
    void stop() {
        fluentd.close();
    }

    private List<Finding> run(Instant at, Samples samples, String... settings) {
        LoggingTargets targets = fluentd.targets(settings);
        return LoggingFixtures.run(at, samples, new FluentdRetryCheck(targets), new FluentdBufferCheck(targets),
                new FluentdFlushCheck(targets));
    }

    @Test
    void theFaultyAgentRaisesEachFluentdCodeWithExactTexts() {
        fluentd.stub(PLUGINS, LoggingFixtures.demo("fluentd-plugins.json", now));

        List<Finding> findings = run(now, Samples.none());

        assertThat(findings).extracting(f -> f.code().code())
                .containsExactly("LOG-201", "LOG-202", "LOG-203", "LOG-204");
        assertThat(findings).extracting(Finding::severity)
                .containsExactly(Severity.P2, Severity.P1, Severity.P2, Severity.P3);
        assertThat(findings).extracting(Finding::resource).containsExactly(Resource.of("FluentdOutput", "out_es"),
                Resource.of("FluentdOutput", "out_es"), Resource.of("FluentdOutput", "out_es"),
                Resource.of("FluentdOutput", "out_es_audit"));
        assertThat(findings.get(0).title()).isEqualTo("Fluentd fluentd output out_es failed 6 flushes since "
                + "2025-03-14 09:20:00 +0000");
        assertThat(findings.get(0).evidence()).containsEntry("state", "retrying now: 6 failed since "
                + "2025-03-14 09:20:00 +0000, next try at 2025-03-14 10:05:00 +0000");
        assertThat(findings.get(0).remediation()).contains("kubectl logs daemonset/fluentd -n "
                + "smartcloudops-monitoring --tail=100").contains("curl -s \"" + fluentd.server.baseUrl()
                + "/api/plugins.json\" | jq --arg plugin out_es '.plugins[] | select(.plugin_id == $plugin) "
                + "| {retry_count, retry}'");
        assertThat(findings.get(1).title()).isEqualTo("Fluentd fluentd output out_es buffer is 87.1% full");
        assertThat(findings.get(1).evidence()).containsEntry("source", "buffer_available_buffer_space_ratios 12.9")
                .containsEntry("limit", "(not in monitor_agent's config)");
        assertThat(findings.get(2).title()).isEqualTo("Fluentd fluentd output out_es has 41 buffer chunks queued");
        // 10:00 UTC: 36,000 s since midnight, 144,000 flushes, 36,000 slow
        assertThat(findings.get(3).title()).isEqualTo("Fluentd fluentd output out_es_audit had 36000 slow flushes "
                + "since Fluentd started");
        assertThat(findings.get(3).evidence()).containsEntry("writes", "144000").containsEntry("ratio", "25%");
    }

    @Test
    void aHealthyAgentIsNothing() {
        fluentd.stub(PLUGINS, LoggingFixtures.test("fluentd-plugins-healthy.json"));
        assertThat(run(now, Samples.none())).isEmpty();
    }

    @Test
    void countersAreComparedWithThePreviousRunAndARestartIsNoComparison() {
        String healthy = LoggingFixtures.test("fluentd-plugins-healthy.json");
        fluentd.stub(PLUGINS, healthy);
        Samples first = Samples.none();
        assertThat(run(now, first)).isEmpty();
        Instant later = now.plus(Duration.ofHours(1));

        fluentd.stub(PLUGINS, healthy.replace("\"retry_count\": 3", "\"retry_count\": 9")
                .replace("\"slow_flush_count\": 2", "\"slow_flush_count\": 14")
                .replace("\"write_count\": 30412", "\"write_count\": 30512"));
        List<Finding> grown = run(later, SampleHistory.after(first, now));
        assertThat(grown).extracting(f -> f.code().code()).containsExactly("LOG-201", "LOG-204");
        assertThat(grown.get(0).title()).isEqualTo("Fluentd fluentd output out_es failed 6 flushes since the "
                + "previous run at " + now);
        assertThat(grown.get(0).evidence()).containsEntry("state", "not retrying now");
        assertThat(grown.get(1).evidence()).containsEntry("slow", "12").containsEntry("writes", "100")
                .containsEntry("ratio", "12%");
        assertThat(run(later, SampleHistory.after(first, now), "fluentd-thresholds.retries", "7",
                "fluentd[0].thresholds.slow-flushes", "13")).isEmpty();

        // restarted: every counter from zero, fewer than before
        fluentd.stub(PLUGINS, healthy.replace("\"retry_count\": 3", "\"retry_count\": 1")
                .replace("\"write_count\": 30412", "\"write_count\": 12").replace("\"emit_count\": 1206311",
                        "\"emit_count\": 40"));
        assertThat(run(later, SampleHistory.after(first, now))).isEmpty();
    }

    @Test
    void withoutTheRatioTheConfiguredTotalLimitSizeIsTheDenominator() {
        String plugins = LoggingFixtures.test("fluentd-plugins-healthy.json")
                .replace("\"buffer_available_buffer_space_ratios\": 99.8,", "")
                .replace("\"logstash_prefix\": \"smartcloudops-logs\"",
                        "\"logstash_prefix\": \"smartcloudops-logs\", \"total_limit_size\": \"1m\"");
        fluentd.stub(PLUGINS, plugins.replace("\"buffer_total_queued_size\": 1048576", "\"buffer_total_queued_size\": 838861"));
        assertThat(run(now, Samples.none())).singleElement().satisfies(f -> {
            assertThat(f.code().code()).isEqualTo("LOG-202");
            assertThat(f.evidence()).containsEntry("percent", "80%").containsEntry("limit", "1 MiB")
                    .containsEntry("source", "buffer_total_queued_size over total_limit_size");
        });
        fluentd.stub(PLUGINS, plugins.replace("\"buffer_total_queued_size\": 1048576", "\"buffer_total_queued_size\": 838860"));
        assertThat(run(now, Samples.none())).isEmpty();
        assertThat(Fields.size("8GB")).isEqualTo(8L << 30);
        assertThat(Fields.size("512m")).isEqualTo(512L << 20);
        assertThat(Fields.size("64k")).isEqualTo(64L << 10);
        assertThat(Fields.size("1024")).isEqualTo(1024L);
        assertThat(Fields.size("lots")).isNull();
    }
}
