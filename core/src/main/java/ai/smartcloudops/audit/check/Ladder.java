package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Grade;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The bands of a graded value: a value at or past an edge is in that edge's {@link Grade} (the worst edge it
 * passed), and a value short of every edge is no finding. A value moves to a worse band as soon as it passes an edge,
 * but back to a milder one only once it is more than {@code margin} back from the edge of the band its finding is
 * in: a value resting on an edge (a full cache at 99.9 % one night and 100.1 % the next) keeps its band, so it
 * neither shows as regressed nor resolves and comes back new. The code's definition says what each grade's severity
 * is; the ladder only places the value.
 *
 * @param rising true when a higher value is worse (memory in use), false when a lower one is (free storage)
 * @param bands  from the mildest grade to the worst, each edge further than the one before
 * @param margin how far back past an edge (in the value's unit) a value must move before its band eases
 */
public record Ladder(boolean rising, List<Band> bands, double margin) {

    /** A value at or past {@code edge} (rising: at or above; falling: below) is at least in {@code grade}. */
    public record Band(double edge, String grade) {

        public Band {
            Objects.requireNonNull(grade, "grade");
            if (!Double.isFinite(edge)) {
                throw new IllegalArgumentException("a band's edge must be a number, not " + edge);
            }
        }
    }

    public Ladder {
        bands = List.copyOf(bands);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one band");
        }
        if (!Double.isFinite(margin) || margin < 0) {
            throw new IllegalArgumentException("a ladder's margin must be zero or more, not " + margin);
        }
        for (int i = 1; i < bands.size(); i++) {
            Band milder = bands.get(i - 1);
            Band worse = bands.get(i);
            if (rising ? worse.edge() <= milder.edge() : worse.edge() >= milder.edge()) {
                throw new IllegalArgumentException("bands must go from the mildest to the worst, each edge "
                        + (rising ? "above" : "below") + " the one before: " + bands);
            }
        }
        if (bands.stream().map(Band::grade).distinct().count() < bands.size()) {
            throw new IllegalArgumentException("each band needs its own grade: " + bands);
        }
    }

    /** Higher is worse: e.g. the default grade from 90 % and "critical" from 100 %. */
    public static Ladder rising(double margin, Band... bands) {
        return new Ladder(true, List.of(bands), margin);
    }

    /** Lower is worse: e.g. the default grade below 10 % free and "critical" below 5 %. */
    public static Ladder falling(double margin, Band... bands) {
        return new Ladder(false, List.of(bands), margin);
    }

    /** The index of the band the value is in (0 the mildest), with nothing before it. */
    public OptionalInt band(double value) {
        int found = -1;
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            if (rising ? value >= band.edge() : value < band.edge()) {
                found = i;
            }
        }
        return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    /**
     * The band of the value given the band its finding is in now (empty: no open finding): the value's own band, or
     * the current one while the value is within the margin of it.
     */
    public OptionalInt grade(double value, OptionalInt current) {
        OptionalInt band = band(value);
        // the band the value would be in with every edge moved back by the margin: as far as a band holds
        OptionalInt held = band(rising ? value + margin : value - margin);
        OptionalInt kept = current.isEmpty() || held.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(Math.min(current.getAsInt(), held.getAsInt()));
        if (band.isEmpty()) {
            return kept;
        }
        return kept.isEmpty() ? band : OptionalInt.of(Math.max(band.getAsInt(), kept.getAsInt()));
    }
}
