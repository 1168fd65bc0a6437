package ai.smartcloudops.audit.publish;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The runs whose reports S3 has not taken yet ({@code report_upload}): each is tried again after a wait that doubles
 * from {@link #FIRST_WAIT} up to {@link #LONGEST_WAIT}, until it has been uploaded.
 */
@Repository
public class OwedUploads {

    static final Duration FIRST_WAIT = Duration.ofMinutes(5);
    static final Duration LONGEST_WAIT = Duration.ofHours(6);
    /** How many owed runs one step tries at most: a long outage's backlog is worked off over several runs. */
    static final int BATCH = 10;

    private final JdbcClient jdbc;

    public OwedUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The run's upload failed (again): it is owed, and tried again after the next wait. */
    public void failed(long runId, String error, Instant now) {
        Integer attempts = jdbc.sql("SELECT attempts FROM report_upload WHERE run_id = ?").param(runId)
                .query(Integer.class).optional().orElse(0);
        Duration wait = wait(attempts + 1);
        jdbc.sql("INSERT INTO report_upload (run_id, attempts, last_error, next_attempt_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (run_id) DO UPDATE SET attempts = EXCLUDED.attempts, "
                        + "last_error = EXCLUDED.last_error, next_attempt_at = EXCLUDED.next_attempt_at")
                .params(runId, attempts + 1, error, Timestamp.from(now.plus(wait))).update();
    }

    /** The wait after the {@code attempts}-th failure. */
    static Duration wait(int attempts) {
        Duration wait = FIRST_WAIT;
        for (int i = 1; i < attempts && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) < 0 ? wait : LONGEST_WAIT;
    }

    /** The owed runs whose wait is over, oldest first. */
    public List<Long> due(Instant now) {
        return jdbc.sql("SELECT run_id FROM report_upload WHERE next_attempt_at <= ? ORDER BY run_id LIMIT ?")
                .params(Timestamp.from(now), BATCH).query(Long.class).list();
    }

    public void uploaded(long runId) {
        jdbc.sql("DELETE FROM report_upload WHERE run_id = ?").param(runId).update();
    }
}
