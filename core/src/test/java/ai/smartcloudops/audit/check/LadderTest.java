package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.Grade;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LadderTest {

    private static final int WARN = 0;
    private static final int CRITICAL = 1;
    private static final OptionalInt NONE = OptionalInt.empty();
    private static final Ladder MEMORY = Ladder.rising(2, new Ladder.Band(90, Grade.DEFAULT),
            new Ladder.Band(100, "critical"));
    private static final Ladder FREE_STORAGE = Ladder.falling(0.01, new Ladder.Band(0.10, Grade.DEFAULT),
            new Ladder.Band(0.05, "critical"));

    @Test
    void aValueIsInTheWorstBandItPassedAndNoneShortOfTheFirst() {
        assertThat(MEMORY.band(89.9)).isEmpty();
        assertThat(MEMORY.band(90)).hasValue(WARN);
        assertThat(MEMORY.band(100)).hasValue(CRITICAL);
        assertThat(FREE_STORAGE.band(0.10)).isEmpty();
        assertThat(FREE_STORAGE.band(0.099)).hasValue(WARN);
        assertThat(FREE_STORAGE.band(0.049)).hasValue(CRITICAL);
    }

    @Test
    void aValueRestingOnAnEdgeKeepsTheBandItsFindingIsIn() {
        // 100.1 % one night, 99.9 % the next: critical both times, once it was critical
        assertThat(MEMORY.grade(100.1, NONE)).hasValue(CRITICAL);
        assertThat(MEMORY.grade(99.9, OptionalInt.of(CRITICAL))).hasValue(CRITICAL);
        assertThat(MEMORY.grade(98.0, OptionalInt.of(CRITICAL))).hasValue(CRITICAL);
        // and a warning that reaches the edge is critical at once
        assertThat(MEMORY.grade(100, OptionalInt.of(WARN))).hasValue(CRITICAL);
        // an open warning just under its edge stays open; none opens there
        assertThat(MEMORY.grade(88.5, OptionalInt.of(WARN))).hasValue(WARN);
        assertThat(MEMORY.grade(88.5, NONE)).isEmpty();
        assertThat(FREE_STORAGE.grade(0.055, OptionalInt.of(CRITICAL))).hasValue(CRITICAL);
    }

    @Test
    void pastTheMarginABandEasesToTheOneTheValueIsIn() {
        assertThat(MEMORY.grade(97.9, OptionalInt.of(CRITICAL))).hasValue(WARN);
        assertThat(MEMORY.grade(89, OptionalInt.of(CRITICAL))).hasValue(WARN);   // within the warning's margin
        assertThat(MEMORY.grade(87.9, OptionalInt.of(CRITICAL))).isEmpty();
        assertThat(FREE_STORAGE.grade(0.061, OptionalInt.of(CRITICAL))).hasValue(WARN);
        assertThat(FREE_STORAGE.grade(0.2, OptionalInt.of(CRITICAL))).isEmpty();
    }

    @Test
    void bandsMustGoFromTheMildestToTheWorstEachEdgeFurtherEachInItsOwnGrade() {
        assertThatThrownBy(() -> Ladder.rising(2, new Ladder.Band(100, Grade.DEFAULT), new Ladder.Band(90, "x")))
                .hasMessageStartingWith("bands must go from the mildest to the worst, each edge above");
        assertThatThrownBy(() -> Ladder.falling(0.01, new Ladder.Band(0.05, Grade.DEFAULT),
                new Ladder.Band(0.10, "x"))).hasMessageContaining("each edge below the one before");
        assertThatThrownBy(() -> Ladder.rising(2, new Ladder.Band(90, "x"), new Ladder.Band(100, "x")))
                .hasMessageStartingWith("each band needs its own grade");
        assertThatThrownBy(() -> Ladder.rising(-1, new Ladder.Band(90, Grade.DEFAULT)))
                .hasMessage("a ladder's margin must be zero or more, not -1.0");
        assertThatThrownBy(() -> Ladder.rising(1)).hasMessage("a ladder needs at least one band");
        assertThatThrownBy(() -> new Ladder.Band(Double.NaN, Grade.DEFAULT))
                .hasMessage("a band's edge must be a number, not NaN");
    }
}
