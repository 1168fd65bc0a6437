package ai.smartcloudops.audit.run;

import ai.smartcloudops.audit.finding.Area;
import java.util.Map;
import java.util.Objects;

/**
 * What a sweep tells whoever watches it (the command line's progress lines), as application events: first the
 * plan, then each (check, target) pair as it is judged, from whichever thread judged it.
 */
public sealed interface SweepProgress {

    /** The pairs the sweep will judge in an area, and over how many targets. */
    record Plan(int checks, int targets) {
    }

    record Planned(long runId, Map<Area, Plan> areas) implements SweepProgress {
        public Planned {
            areas = Map.copyOf(areas);
        }
    }

    /** @param findings what the pair found, AUDIT-9xx included */
    record Judged(long runId, Area area, String checkId, String target, int findings) implements SweepProgress {
        public Judged {
            Objects.requireNonNull(area, "area");
        }
    }
}
