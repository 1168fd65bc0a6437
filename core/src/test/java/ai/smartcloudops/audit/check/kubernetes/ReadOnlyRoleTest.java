package ai.smartcloudops.audit.check.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shipped ClusterRole lets the audit list every kind it reads, and only read; no Secret. */
class ReadOnlyRoleTest {

    @Test
    void theClusterRoleListsEveryKindTheScanReadsAndGrantsNoWrite() throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(Path.of("k8s/cronjob/rbac.yaml"))) {
            for (Object document : new Yaml().loadAll(reader)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) document;
                if ("ClusterRole".equals(object.get("kind"))) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> roleRules = (List<Map<String, Object>>) object.get("rules");
                    rules.addAll(roleRules);
                }
            }
        }

        for (Kind kind : Kind.values()) {
            assertThat(rules).as("list %s", kind.qualified()).anySatisfy(rule -> {
                assertThat(strings(rule, "apiGroups")).contains(kind.group());
                assertThat(strings(rule, "resources")).contains(kind.resource());
                assertThat(strings(rule, "verbs")).contains("list");
            });
        }
        // nothing watches: the scan lists once per run
        assertThat(rules).allSatisfy(rule -> assertThat(strings(rule, "verbs"))
                .isSubsetOf("get", "list", "create"));
        assertThat(rules).filteredOn(rule -> strings(rule, "verbs").contains("create"))
                .singleElement().satisfies(rule -> assertThat(strings(rule, "resources"))
                        .containsExactly("selfsubjectaccessreviews"));
        // Secrets only through the namespaced Roles of tls-secrets.yaml (ManifestsTest), never cluster-wide
        assertThat(rules).noneSatisfy(rule -> assertThat(strings(rule, "resources")).contains("secrets"));
        assertThat(rules).filteredOn(rule -> strings(rule, "resources").contains("ingresses")).singleElement()
                .satisfies(rule -> assertThat(strings(rule, "verbs")).contains("list"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> rule, String key) {
        return (List<String>) rule.get(key);
    }
}
