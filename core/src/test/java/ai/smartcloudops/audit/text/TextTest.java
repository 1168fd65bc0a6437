package ai.smartcloudops.audit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void nulAndControlCharactersBecomeReplacementCharacters() {
        assertThat(Text.clean("a\u0000b\u0007c\u001b[2Jd\u007fe\u0085f"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFD[2Jd\uFFFDe\uFFFDf");
    }

    @Test
    void bidirectionalOverridesBecomeReplacementCharacters() {
        assertThat(Text.clean("invoice\u202Egpj.exe \u2066x\u2069")).isEqualTo("invoice\uFFFDgpj.exe \uFFFDx\uFFFD");
    }

    @Test
    void tabsAndLineBreaksStayForMultiLineTexts() {
        String remediation = "kubectl get pods\n\tpsql -c 'SELECT 1'\r\n";
        assertThat(Text.clean(remediation)).isSameAs(remediation);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(Text.clean("x\uD800y")).isEqualTo("x\uFFFDy");
        assertThat(Text.clean("x\uDC00")).isEqualTo("x\uFFFD");
        assertThat(Text.clean("end\uD83D")).isEqualTo("end\uFFFD");
        assertThat(Text.clean("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
        String emoji = "ok \uD83D\uDE00 ü 日本";
        assertThat(Text.clean(emoji)).isSameAs(emoji);
    }

    @Test
    void nullStaysNullAndMapsAreCleanedKeyAndValue() {
        assertThat(Text.clean((String) null)).isNull();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("error\u0000", "body \u0000 end");
        evidence.put("ok", "fine");
        assertThat(Text.clean(evidence)).containsExactly(Map.entry("error\uFFFD", "body \uFFFD end"),
                Map.entry("ok", "fine"));
    }
}
