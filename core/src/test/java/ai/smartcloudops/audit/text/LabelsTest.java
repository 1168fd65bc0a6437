package ai.smartcloudops.audit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.notify.Notice;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words the store keeps read back as the constants that wrote them. */
class LabelsTest {

    @Test
    void everyStoredWordReadsBackAsItsConstant() {
        for (Class<? extends Enum<?>> type : List.of(CoverageStatus.class, FindingState.class, Notice.Kind.class)) {
            Arrays.stream(type.getEnumConstants()).forEach(constant -> assertThat(
                    Labels.parse(constant.getDeclaringClass(), constant.toString())).isSameAs(constant));
        }
        assertThat(CoverageStatus.NOT_CONFIGURED).hasToString("not configured");
        assertThat(FindingState.of("regressed")).isEqualTo(FindingState.REGRESSED);
        assertThat(Notice.Kind.of("trigger")).isEqualTo(Notice.Kind.TRIGGER);
    }

    @Test
    void anUnknownWordIsRefused() {
        assertThatThrownBy(() -> CoverageStatus.of("RAN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no CoverageStatus 'RAN'");
    }
}
