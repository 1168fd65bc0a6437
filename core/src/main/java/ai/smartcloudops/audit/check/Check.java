package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Schedule;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One check per resource concern. Checks are stateless beans; a new check needs nothing beyond being a bean.
 * A check says what problems it sees; the sweep makes them findings, each at the severity the one
 * {@link SeverityPolicy} gives. A check that throws or times out becomes an AUDIT-9xx finding and a coverage row,
 * and the run goes on.
 */
public interface Check {

    /** e.g. {@code kubernetes.nodes}. */
    String id();

    Area area();

    /**
     * Every code of the check's area (its {@link FindingCode} enum), whichever check owns each: the catalogue is
     * built from these.
     */
    List<FindingCode> areaCodes();

    default Set<Schedule> schedules() {
        return EnumSet.copyOf(Schedule.AUDITS);
    }

    /** The configured targets this check audits. */
    List<Target> targets();

    List<Problem> run(CheckContext context) throws Exception;
}
