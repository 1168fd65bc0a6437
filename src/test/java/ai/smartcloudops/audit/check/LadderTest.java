package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LadderTest {

    private static final Ladder MEMORY = Ladder.rising(2, new Ladder.Band(90, Severity.P2),
            new Ladder.Band(100, Severity.P1));
    private static final Ladder FREE_STORAGE = Ladder.falling(0.01, new Ladder.Band(0.10, Severity.P2),
            new Ladder.Band(0.05, Severity.P1));

    @Test
    void aValueHasTheWorstBandItPassedAndNoneShortOfTheFirst() {
        assertThat(MEMORY.band(89.9)).isEmpty();
        assertThat(MEMORY.band(90)).contains(Severity.P2);
        assertThat(MEMORY.band(100)).contains(Severity.P1);
        assertThat(FREE_STORAGE.band(0.10)).isEmpty();
        assertThat(FREE_STORAGE.band(0.099)).contains(Severity.P2);
        assertThat(FREE_STORAGE.band(0.049)).contains(Severity.P1);
    }

    @Test
    void aValueRestingOnAnEdgeKeepsTheSeverityItsFindingHas() {
        // 100.1 % one night, 99.9 % the next: P1 both times, once it was P1
        assertThat(MEMORY.grade(100.1, Optional.empty())).contains(Severity.P1);
        assertThat(MEMORY.grade(99.9, Optional.of(Severity.P1))).contains(Severity.P1);
        assertThat(MEMORY.grade(98.0, Optional.of(Severity.P1))).contains(Severity.P1);
        // and a P2 that reaches the edge is P1 at once
        assertThat(MEMORY.grade(100, Optional.of(Severity.P2))).contains(Severity.P1);
        // an open P2 just under the warning stays open; none opens there
        assertThat(MEMORY.grade(88.5, Optional.of(Severity.P2))).contains(Severity.P2);
        assertThat(MEMORY.grade(88.5, Optional.empty())).isEmpty();
        assertThat(FREE_STORAGE.grade(0.055, Optional.of(Severity.P1))).contains(Severity.P1);
    }

    @Test
    void pastTheMarginASeverityEasesToTheBandTheValueIsIn() {
        assertThat(MEMORY.grade(97.9, Optional.of(Severity.P1))).contains(Severity.P2);
        assertThat(MEMORY.grade(89, Optional.of(Severity.P1))).contains(Severity.P2);   // within P2's margin
        assertThat(MEMORY.grade(87.9, Optional.of(Severity.P1))).isEmpty();
        assertThat(FREE_STORAGE.grade(0.061, Optional.of(Severity.P1))).contains(Severity.P2);
        assertThat(FREE_STORAGE.grade(0.2, Optional.of(Severity.P1))).isEmpty();
    }

    @Test
    void bandsMustGoFromTheMildestToTheWorstEachEdgeFurther() {
        assertThatThrownBy(() -> Ladder.rising(2, new Ladder.Band(100, Severity.P2), new Ladder.Band(90, Severity.P1)))
                .hasMessageStartingWith("bands must go from the mildest to the worst severity, each edge above");
        assertThatThrownBy(() -> Ladder.rising(2, new Ladder.Band(90, Severity.P1), new Ladder.Band(100, Severity.P2)))
                .hasMessageStartingWith("bands must go from the mildest to the worst severity");
        assertThatThrownBy(() -> Ladder.falling(0.01, new Ladder.Band(0.05, Severity.P2),
                new Ladder.Band(0.10, Severity.P1))).hasMessageContaining("each edge below the one before");
        assertThatThrownBy(() -> Ladder.rising(-1, new Ladder.Band(90, Severity.P2)))
                .hasMessage("a ladder's margin must be zero or more, not -1.0");
        assertThatThrownBy(() -> Ladder.rising(1)).hasMessage("a ladder needs at least one band");
        assertThatThrownBy(() -> new Ladder.Band(Double.NaN, Severity.P2))
                .hasMessage("a band's edge must be a number, not NaN");
    }
}
