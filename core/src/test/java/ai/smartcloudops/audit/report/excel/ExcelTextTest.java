package ai.smartcloudops.audit.report.excel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExcelTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://evil\",\"x\")"})
    void formulaLikeValuesGetALeadingQuote(String value) {
        assertThat(ExcelText.safe(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubectl get pods", "a=b", "1-2", "'quoted", " =x", "K8S-101"})
    void otherValuesAreUnchanged(String value) {
        assertThat(ExcelText.safe(value)).isEqualTo(value);
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(ExcelText.safe(null)).isEmpty();
        assertThat(ExcelText.safe("")).isEmpty();
    }

    @Test
    void overlongTextIsCutToWhatACellHolds() {
        String safe = ExcelText.safe("=" + "x".repeat(40_000));
        assertThat(safe).hasSize(ExcelText.MAX_LENGTH).startsWith("'=").endsWith(ExcelText.CUT);
    }
}
