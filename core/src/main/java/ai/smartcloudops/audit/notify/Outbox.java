package ai.smartcloudops.audit.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification_outbox table. A row is pending until it is sent (sent_at) or given up (failed); a sender claims
 * a row by moving it from pending to sending, so two senders never send the same row.
 */
@Repository
public class Outbox {

    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    /** A trigger told in a digest row of its run, not sent on its own. */
    public static final String DIGESTED = "digested";

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(long id, long runId, String fingerprint, String channel, Notice.Kind kind, String payload,
                      int attempts) {
    }

    /** A row of a run, with the code and severity of its finding. */
    public record Entry(String fingerprint, String code, String severity, String channel, Notice.Kind kind,
                        String status, int attempts) {
    }

    /** Adds a pending row; a row with the same (fingerprint, channel, kind, run) is left as it is. */
    public void add(long runId, String fingerprint, String channel, Notice.Kind kind, String payload,
                    Instant at) {
        add(runId, fingerprint, channel, kind, payload, at, PENDING);
    }

    /**
     * Adds a trigger told in a digest: never sent on its own, it records that the finding was triggered on the
     * channel (for its due time, escalation and resolve) and lists it in notifications.json.
     */
    public void addDigested(long runId, String fingerprint, String channel, String payload, Instant at) {
        add(runId, fingerprint, channel, Notice.Kind.TRIGGER, payload, at, DIGESTED);
    }

    private void add(long runId, String fingerprint, String channel, Notice.Kind kind, String payload, Instant at,
                     String status) {
        jdbc.sql("INSERT INTO notification_outbox (run_id, fingerprint, channel, kind, payload, next_attempt_at, "
                        + "created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (fingerprint, channel, kind, run_id) DO NOTHING")
                .params(runId, fingerprint, channel, kind.toString(), payload, Timestamp.from(at), Timestamp.from(at),
                        status)
                .update();
    }

    /** Whether a trigger for the fingerprint was ever queued on the channel (so a resolve has something to close). */
    public boolean triggered(String fingerprint, String channel) {
        return jdbc.sql("SELECT count(*) FROM notification_outbox WHERE fingerprint = ? AND channel = ? "
                        + "AND kind = ? AND status <> 'failed'")
                .params(fingerprint, channel, Notice.Kind.TRIGGER.toString()).query(Integer.class).single() > 0;
    }

    /** When the latest trigger for the fingerprint was queued, if one was. */
    public Optional<Instant> lastTrigger(String fingerprint) {
        return jdbc.sql("SELECT max(created_at) FROM notification_outbox WHERE fingerprint = ? AND kind = ?")
                .params(fingerprint, Notice.Kind.TRIGGER.toString()).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    /** How many levels the finding was escalated since it was last triggered (0 or 1). */
    public int escalationLevel(String fingerprint) {
        return jdbc.sql("SELECT escalation_level FROM finding_state WHERE fingerprint = ?").param(fingerprint)
                .query(Integer.class).optional().orElse(0);
    }

    public void escalationLevel(String fingerprint, int level) {
        jdbc.sql("UPDATE finding_state SET escalation_level = ? WHERE fingerprint = ?").params(level, fingerprint)
                .update();
    }

    /** Rows whose time has come, oldest first: earlier runs' leftovers before this run's. */
    public List<Row> due(Instant now) {
        return jdbc.sql("SELECT id, run_id, fingerprint, channel, kind, payload, attempts FROM notification_outbox "
                        + "WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY run_id, id")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3).trim(), rs.getString(4),
                        Notice.Kind.of(rs.getString(5)), rs.getString(6), rs.getInt(7)))
                .list();
    }

    /**
     * Takes a pending row for sending on behalf of {@code claimant} (the job execution sending it); false when another
     * sender has it or it is no longer pending.
     */
    public boolean claim(long id, Instant at, long claimant) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'sending', next_attempt_at = ?, claimed_by = ? "
                        + "WHERE id = ? AND status = 'pending'")
                .params(Timestamp.from(at), claimant, id).update() == 1;
    }

    /** Marks the row sent and its finding notified. */
    @Transactional
    public void sent(long id, String fingerprint, int attempts, Instant at) {
        jdbc.sql("UPDATE notification_outbox SET status = 'sent', attempts = ?, sent_at = ?, "
                        + "last_error = NULL WHERE id = ? AND status = 'sending'")
                .params(attempts, Timestamp.from(at), id).update();
        jdbc.sql("UPDATE finding_state SET last_notified_at = ? WHERE fingerprint = ?")
                .params(Timestamp.from(at), fingerprint).update();
    }

    /** Back to pending until {@code next}, or failed when {@code giveUp}; {@code attempts} counts every send. */
    public void failed(long id, int attempts, String error, Instant next, boolean giveUp) {
        jdbc.sql("UPDATE notification_outbox SET status = ?, attempts = ?, last_error = ?, "
                        + "next_attempt_at = ? WHERE id = ? AND status = 'sending'")
                .params(giveUp ? FAILED : PENDING, attempts, error, Timestamp.from(next), id).update();
    }

    /**
     * Rows a sender claimed and never finished (the process died while sending) go back to pending: they may have
     * reached the channel, so this is the one case a notification can be sent twice.
     */
    public int release(Instant claimedBefore) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'pending' WHERE status = 'sending' "
                        + "AND next_attempt_at < ?")
                .param(Timestamp.from(claimedBefore)).update();
    }

    /** The rows a job execution known to be dead claimed go back to pending now; the same caveat holds. */
    public int release(long claimant) {
        return jdbc.sql("UPDATE notification_outbox SET status = 'pending' WHERE status = 'sending' "
                        + "AND claimed_by = ?")
                .param(claimant).update();
    }

    /** The rows a run queued, with their finding's code and severity. */
    public List<Entry> entries(long runId) {
        return jdbc.sql("SELECT o.fingerprint, s.code, s.severity, o.channel, o.kind, o.status, o.attempts "
                        + "FROM notification_outbox o JOIN finding_state s ON s.fingerprint = o.fingerprint "
                        + "WHERE o.run_id = ? ORDER BY s.severity, s.code, o.fingerprint, o.channel, o.kind")
                .param(runId)
                .query((rs, n) -> new Entry(rs.getString(1).trim(), rs.getString(2), rs.getString(3),
                        rs.getString(4), Notice.Kind.of(rs.getString(5)), rs.getString(6), rs.getInt(7)))
                .list();
    }
}
