package ai.smartcloudops.audit.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.postgres.PostgresCode;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.Team;
import ai.smartcloudops.audit.net.HttpLimits;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.Notice;
import ai.smartcloudops.audit.notify.NotifyProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SlackChannelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theFallbackTextAndTheRemediationBlockEscapeSlacksControlCharacters() {
        NotifyProperties properties = new NotifyProperties(null, null, null, null,
                new NotifyProperties.Slack("https://hooks.slack.example/services/T/B/x", null), null, null,
                new NotifyProperties.Dispatch(1, Duration.ofMillis(100), 30, Duration.ofSeconds(2)), null, null);
        Finding finding = Finding.of(PostgresCode.PG_302, "orders-db",
                        new Resource("Table", "public", "<!channel>&<https://evil.example|click>"))
                .severity(Severity.P2).title("Table <!channel> has dead tuples").detail("detail")
                .remediation("psql -c 'VACUUM public.\"<!here>&\";'\n```\n<@U123>").checkId("postgres.maintenance")
                .build();

        SlackChannel slack = new SlackChannel(properties, new JsonPost(properties, HttpLimits.DEFAULT));
        JsonNode body = JSON.readTree(slack.payload(new Notice(finding, Team.DATABASE, Notice.Kind.TRIGGER, Severity.P2,
                "#database-alerts", null, null)));

        assertThat(body.get("text").asString()).isEqualTo("[P2] PG-302 Table &lt;!channel&gt; has dead tuples "
                + "(orders-db, Table/public/&lt;!channel&gt;&amp;&lt;https://evil.example|click&gt;)");
        assertThat(body.get("blocks").get(1).get("text").get("text").asString()).isEqualTo("*Remediation*\n```"
                + "psql -c 'VACUUM public.\"&lt;!here&gt;&amp;\";'\n'''\n&lt;@U123&gt;```");
        assertThat(body.toString()).doesNotContain("<!channel>", "<!here>", "<@U123>", "<https://evil");
    }
}
