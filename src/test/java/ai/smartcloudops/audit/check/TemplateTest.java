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
}
