package ai.smartcloudops.audit.finding;

import java.time.Instant;

/** When a finding must have been answered: the escalation matrix's response time of its severity since it opened. */
public interface ResponseTimes {

    Instant due(Severity severity, Instant opened);
}
