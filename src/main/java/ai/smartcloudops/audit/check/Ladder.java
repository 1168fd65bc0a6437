package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Severity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bands of a graded code: a value at or past an edge has that edge's severity (the worst edge it passed), and
 * a value short of every edge is no finding. A severity moves up as soon as the value passes an edge, but moves down
 * only once the value is more than {@code margin} back from the edge of the band the finding is in: a value resting
 * on an edge (a full cache at 99.9 % one night and 100.1 % the next) keeps its severity, so it neither shows as
 * regressed nor resolves and comes back new.
 *
 * @param rising true when a higher value is worse (memory in use), false when a lower one is (free storage)
 * @param bands  from the mildest severity to the worst, each edge further than the one before
 * @param margin how far back past an edge (in the value's unit) a value must move before its severity eases
 */
public record Ladder(boolean rising, List<Band> bands, double margin) {

    /** A value at or past {@code edge} (rising: at or above; falling: below) is at least {@code severity}. */
    public record Band(double edge, Severity severity) {

        public Band {
            Objects.requireNonNull(severity, "severity");
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
            if (worse.severity().ordinal() >= milder.severity().ordinal()
                    || (rising ? worse.edge() <= milder.edge() : worse.edge() >= milder.edge())) {
                throw new IllegalArgumentException("bands must go from the mildest to the worst severity, each edge "
                        + (rising ? "above" : "below") + " the one before: " + bands);
            }
        }
    }

    /** Higher is worse: e.g. P2 from 90 % and P1 from 100 %. */
    public static Ladder rising(double margin, Band... bands) {
        return new Ladder(true, List.of(bands), margin);
    }

    /** Lower is worse: e.g. P2 below 10 % free and P1 below 5 %. */
    public static Ladder falling(double margin, Band... bands) {
        return new Ladder(false, List.of(bands), margin);
    }

    /** The band the value is in, with nothing before it. */
    public Optional<Severity> band(double value) {
        Severity found = null;
        for (Band band : bands) {
            if (rising ? value >= band.edge() : value < band.edge()) {
                found = band.severity();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The severity of the value given the one its finding has now (empty: no open finding): its band, or the
     * current severity while the value is within the margin of that severity's band.
     */
    public Optional<Severity> grade(double value, Optional<Severity> current) {
        Optional<Severity> band = band(value);
        // the band the value would be in with every edge moved back by the margin: as far as a severity holds
        Optional<Severity> held = band(rising ? value + margin : value - margin);
        Optional<Severity> kept = current.isEmpty() || held.isEmpty() ? Optional.empty()
                : Optional.of(current.get().ordinal() > held.get().ordinal() ? current.get() : held.get());
        if (band.isEmpty()) {
            return kept;
        }
        return kept.isEmpty() || band.get().ordinal() <= kept.get().ordinal() ? band : kept;
    }
}
