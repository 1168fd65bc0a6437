package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void fillsPlaceholdersAndLeavesJsonBracesAlone() {
        assertThat(Template.render("kubectl patch hpa {name} -p '{\"spec\":{\"maxReplicas\":{max}}}'",
                Map.of("name", "api", "max", 20), "X-1"))
                .isEqualTo("kubectl patch hpa api -p '{\"spec\":{\"maxReplicas\":20}}'");
    }

    @Test
    void anEmptyValueLeavesNoDoubleOrTrailingSpaceButKeepsIndentation() {
        String rendered = Template.render("kubectl describe {kind} {name} {scope}\nkubectl get {kind} {scope} -o yaml\n"
                + "  --indented {name}", Map.of("kind", "node", "name", "ip-1", "scope", ""), "X-1");

        assertThat(rendered).isEqualTo("kubectl describe node ip-1\nkubectl get node -o yaml\n  --indented ip-1");
    }

    @Test
    void aMissingValueNamesTheCodeAndPlaceholder() {
        assertThatThrownBy(() -> Template.render("Node {name} in {zone}", Map.of("name", "n"), "K8S-999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("K8S-999: no value for {zone}");
    }

    @Test
    void proseKeepsValuesAsTheyAre() {
        assertThat(Template.render("Table {namespace}.{name} is bloated", Map.of("namespace", "public", "name",
                "$(touch pwned)"), "X-1")).isEqualTo("Table public.$(touch pwned) is bloated");
    }

    @Test
    void aCommandQuotesEachValueForWhereItStands() {
        String rendered = Template.command("""
                kubectl describe pod {name} -n {namespace}
                curl -s "{url}/_cluster/health" --data-urlencode 'query={query}'
                psql -d {database} -c 'VACUUM {sql:namespace}.{sql:table};'
                psql -d {database} -c "SELECT 1 FROM pg_class WHERE relname = {sqlstr:table};"
                # for {name}""", Map.of("name", "api-0", "namespace", "it's", "url", "http://es:9200/$x",
                "query", "up{job='a'}", "database", "app", "table", "MyTable", "x", 1), "X-1");

        assertThat(rendered).isEqualTo("""
                kubectl describe pod api-0 -n 'it'\\''s'
                curl -s ""'http://es:9200/$x'"/_cluster/health" --data-urlencode 'query=up{job='\\''a'\\''}'
                psql -d app -c 'VACUUM "it'\\''s"."MyTable";'
                psql -d app -c "SELECT 1 FROM pg_class WHERE relname = 'MyTable';"
                # for api-0""");
    }

    @Test
    void aValueInACommentStaysOnTheCommentsLine() {
        assertThat(Template.command("kubectl get ns  # namespace {name}\nkubectl top nodes",
                Map.of("name", "a\ntouch pwned\r\u001b[2J"), "X-1"))
                .isEqualTo("kubectl get ns  # namespace a\\ntouch pwned\\r\\u001b[2J\nkubectl top nodes");
    }

    @Test
    void wordsAreSeveralQuotedArgumentsAndReadAsTextInProse() {
        Template.Words options = Template.Words.of("--engine-version", "14.9; rm -rf /");
        Map<String, Object> values = Map.of("options", options, "none", Template.Words.of());

        assertThat(Template.command("aws rds modify-db-instance {options} {none} --apply-immediately", values, "X-1"))
                .isEqualTo("aws rds modify-db-instance --engine-version '14.9; rm -rf /' --apply-immediately");
        assertThat(Template.render("pending: {options}", values, "X-1"))
                .isEqualTo("pending: --engine-version 14.9; rm -rf /");
    }

    @Test
    void aVariableIsExpandedAsOneWordWhereverItStandsAndReadsAsItsNameInProse() {
        Map<String, Object> values = Map.of("secret", new Template.Variable("TLS_SECRET"));

        assertThat(Template.command("""
                kubectl get secret {secret} -o name
                kubectl patch secret x -p '{"metadata":{"name":"{secret}"}}'
                echo "name: {secret}"
                # TLS_SECRET: the Secret, here {secret}""", values, "X-1")).isEqualTo("""
                kubectl get secret "$TLS_SECRET" -o name
                kubectl patch secret x -p '{"metadata":{"name":"'"$TLS_SECRET"'"}}'
                echo "name: $TLS_SECRET"
                # TLS_SECRET: the Secret, here $TLS_SECRET""");
        assertThat(Template.render("Secret {secret}", values, "X-1")).isEqualTo("Secret $TLS_SECRET");
        assertThatThrownBy(() -> Template.command("psql -c 'DROP {sql:secret}'", values, "X-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("X-1: {sql:secret} cannot take the shell variable $TLS_SECRET");
        assertThatThrownBy(() -> new Template.Variable("$(touch pwned)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRemediationThatLeavesAQuoteOpenIsRefused() {
        assertThatThrownBy(() -> Template.command("psql -c \"SELECT 1", Map.of(), "PG-999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PG-999: the remediation ends inside a quoted string");
    }
}
