package ai.smartcloudops.audit.notify.pagerduty;

import ai.smartcloudops.audit.notify.Acknowledgements;
import ai.smartcloudops.audit.notify.JsonPost;
import ai.smartcloudops.audit.notify.NotifyProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether someone acknowledged the PagerDuty incident of a finding (its dedup key is the finding's fingerprint),
 * asked of the REST API with a read-only token: an acknowledged incident has a responder, so the finding is not
 * escalated past them.
 */
@Component
public class PagerDutyIncidents implements Acknowledgements {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.PagerDuty settings;
    private final JsonPost http;

    public PagerDutyIncidents(NotifyProperties properties, JsonPost http) {
        this.settings = properties.pagerduty();
        this.http = http;
    }

    @Override
    public String channel() {
        return "pagerduty";
    }

    /** Whether there is a token to ask with. */
    @Override
    public boolean configured() {
        return settings.apiToken() != null;
    }

    @Override
    public Answer acknowledged(String dedupKey) throws InterruptedException {
        String url = settings.apiUrl() + "/incidents?date_range=all&statuses%5B%5D=triggered"
                + "&statuses%5B%5D=acknowledged&incident_key=" + URLEncoder.encode(dedupKey, StandardCharsets.UTF_8);
        try {
            JsonNode incidents = JSON.readTree(http.get(url, Map.of("Authorization", "Token token="
                    + settings.apiToken(), "Accept", "application/vnd.pagerduty+json;version=2"))).get("incidents");
            if (incidents == null || !incidents.isArray()) {
                return Answer.unanswered("the PagerDuty API answered without an incident list");
            }
            for (JsonNode incident : incidents) {
                if ("acknowledged".equals(incident.path("status").asString(""))) {
                    return Answer.of(true);
                }
            }
            return Answer.of(false);
        } catch (JsonPost.PostException e) {
            return Answer.unanswered(e.getMessage());
        } catch (JacksonException e) {
            return Answer.unanswered("the PagerDuty API answered with what is not JSON");
        }
    }
}
