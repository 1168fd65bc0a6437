package ai.smartcloudops.audit.notify;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.FindingStore;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.net.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Escalation of a run: {@link #escalate} queues its notifications in the outbox, {@link #dispatch} sends what is
 * due, {@link #write} lists the run's notifications in {@code notifications.json}.
 */
@Service
public class Notifier {

    public static final String FILE = "notifications.json";
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A row claimed longer ago than this belongs to a sender that died. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);

    /** The request timeouts one escalation pass spends asking PagerDuty, at most. */
    static final int ASK_BUDGET = 3;

    private final EscalationPolicy policy;
    private final Acknowledgements incidents;
    private final Outbox outbox;
    private final FindingStore findings;
    private final NotifyProperties.Dispatch dispatch;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits between retries. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @Autowired
    public Notifier(EscalationPolicy policy, Acknowledgements incidents, Outbox outbox, FindingStore findings,
                    NotifyProperties properties, Clock clock) {
        this(policy, incidents, outbox, findings, properties, clock, d -> Thread.sleep(d.toMillis()));
    }

    Notifier(EscalationPolicy policy, Acknowledgements incidents, Outbox outbox, FindingStore findings,
             NotifyProperties properties, Clock clock, Sleeper sleeper) {
        this.policy = policy;
        this.incidents = incidents;
        this.outbox = outbox;
        this.findings = findings;
        this.dispatch = properties.dispatch();
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Queues, in one transaction, a trigger per channel for every new or regressed finding of the run that is not
     * waived (a digest channel's many for one destination as one digest), an escalate for a persisting one past its
     * due time (once), and a resolve for every finding the run resolved on each channel that has resolve events and
     * was triggered for it. Returns the rows queued.
     */
    @Transactional
    public int escalate(long runId, Long previousRunId) {
        Instant now = clock.instant();
        Instant askUntil = askUntil(now);
        int queued = 0;
        // the triggers of a digest channel, by destination, told once all of the run's are known
        Map<DigestChannel, Map<String, List<Notice>>> digests = new LinkedHashMap<>();
        for (TrackedFinding item : findings.items(runId)) {
            Finding f = item.finding();
            if (f.waived()) {
                continue;
            }
            if (item.state() == FindingState.PERSISTING) {
                queued += escalateOverdue(f, runId, now, askUntil).notifications();
                continue;
            }
            if (item.state() == null || !item.state().notifies()) {
                continue;
            }
            outbox.escalationLevel(f.fingerprint(), 0);
            Notice notice = policy.notice(f, Notice.Kind.TRIGGER, runId);
            for (Channel channel : policy.channels(f)) {
                if (channel instanceof DigestChannel digest) {
                    digests.computeIfAbsent(digest, c -> new LinkedHashMap<>())
                            .computeIfAbsent(digest.destination(notice), d -> new ArrayList<>()).add(notice);
                    continue;
                }
                outbox.add(runId, f.fingerprint(), channel.name(), Notice.Kind.TRIGGER, channel.payload(notice), now);
                queued++;
            }
        }
        for (Map.Entry<DigestChannel, Map<String, List<Notice>>> channel : digests.entrySet()) {
            for (List<Notice> notices : channel.getValue().values()) {
                queued += trigger(channel.getKey(), notices, runId, now);
            }
        }
        for (TrackedFinding item : findings.resolved(runId, previousRunId)) {
            Finding f = item.finding();
            Notice notice = policy.notice(f, Notice.Kind.RESOLVE, runId);
            for (Channel channel : policy.channels(f)) {
                if (channel.resolves() && outbox.triggered(f.fingerprint(), channel.name())) {
                    outbox.add(runId, f.fingerprint(), channel.name(), Notice.Kind.RESOLVE, channel.payload(notice),
                            now);
                    queued++;
                }
            }
        }
        return queued;
    }

    /**
     * A digest channel's triggers for one destination: a row each up to its {@code digestAbove}; past it one digest
     * row, most severe first, the triggers recorded beside it as digested (not sent on their own). Returns the rows
     * to send.
     */
    private int trigger(DigestChannel channel, List<Notice> notices, long runId, Instant now) {
        if (notices.size() <= channel.digestAbove()) {
            for (Notice notice : notices) {
                outbox.add(runId, notice.finding().fingerprint(), channel.name(), Notice.Kind.TRIGGER,
                        channel.payload(notice), now);
            }
            return notices.size();
        }
        List<Notice> ordered = notices.stream().sorted(Comparator.comparing(Notice::finding, Finding.ORDER)).toList();
        for (Notice notice : ordered) {
            outbox.addDigested(runId, notice.finding().fingerprint(), channel.name(), channel.payload(notice), now);
        }
        // keyed by the most severe finding's fingerprint: one digest per destination and run
        outbox.add(runId, ordered.get(0).finding().fingerprint(), channel.name(), Notice.Kind.DIGEST,
                channel.digest(ordered), now);
        return 1;
    }

    /**
     * The escalate job: every open finding that is not waived, whichever job saw it last, judged as a run judges its
     * persisting ones ({@link #escalateOverdue}), without auditing anything.
     */
    @Transactional
    public Escalation escalateOpen(long runId) {
        Instant now = clock.instant();
        Instant askUntil = askUntil(now);
        Escalation total = Escalation.NONE;
        for (Finding f : findings.open()) {
            total = total.plus(escalateOverdue(f, runId, now, askUntil));
        }
        return total;
    }

    /**
     * Until when one escalation pass asks PagerDuty: {@link #ASK_BUDGET} request timeouts in all, however many
     * incidents there are, so an API that stalls cannot hold the pass (and its transaction) past a CronJob's deadline.
     */
    private Instant askUntil(Instant now) {
        return now.plus(dispatch.timeout().multipliedBy(ASK_BUDGET));
    }

    /**
     * What escalating overdue findings did.
     *
     * @param escalated     findings escalated
     * @param notifications rows queued for them
     * @param acknowledged  overdue findings not escalated: their PagerDuty incident is acknowledged
     * @param unanswered    why the PagerDuty API could not tell, once per reason (those findings were escalated)
     */
    public record Escalation(int escalated, int notifications, int acknowledged, Set<String> unanswered) {

        static final Escalation NONE = new Escalation(0, 0, 0, Set.of());

        public Escalation {
            unanswered = Set.copyOf(unanswered);
        }

        Escalation plus(Escalation other) {
            Set<String> why = new TreeSet<>(unanswered);
            why.addAll(other.unanswered);
            return new Escalation(escalated + other.escalated, notifications + other.notifications,
                    acknowledged + other.acknowledged, why);
        }

        /** One line for the run's summary. */
        public String message() {
            return escalated + " overdue finding(s) escalated (" + notifications + " notification(s) queued)"
                    + (acknowledged == 0 ? "" : ", " + acknowledged + " acknowledged on PagerDuty left as they are")
                    + (unanswered.isEmpty() ? "" : "; PagerDuty could not tell: " + String.join("; ", unanswered));
        }
    }

    /**
     * A finding still open past its due time since it was triggered (its severity's response time, or the next
     * business day) is escalated once: an {@code escalate} notification on the route of the severity one level up
     * (a P0 is paged again on its own), saying why. Not when the incident it opened is acknowledged (PagerDuty's,
     * when its API token is set): someone is on it. When the API cannot tell, it is escalated.
     */
    private Escalation escalateOverdue(Finding f, long runId, Instant now, Instant askUntil) {
        if (outbox.escalationLevel(f.fingerprint()) > 0) {
            return Escalation.NONE;
        }
        Instant triggered = outbox.lastTrigger(f.fingerprint()).orElse(null);
        if (triggered == null || policy.due(f.severity(), triggered).isAfter(now)) {
            return Escalation.NONE;
        }
        Set<String> unanswered = Set.of();
        if (incidents.configured() && outbox.triggered(f.fingerprint(), incidents.channel())) {
            Acknowledgements.Answer answer = clock.instant().isBefore(askUntil) ? acknowledged(f.fingerprint())
                    : Acknowledgements.Answer.unanswered("no time left to ask: this pass asks for at most "
                            + Durations.format(dispatch.timeout().multipliedBy(ASK_BUDGET)));
            if (Boolean.TRUE.equals(answer.acknowledged())) {
                return new Escalation(0, 0, 1, Set.of());
            }
            unanswered = answer.unanswered() == null ? Set.of() : Set.of(answer.unanswered());
        }
        Severity up = f.severity() == Severity.P0 ? Severity.P0 : Severity.values()[f.severity().ordinal() - 1];
        String why = "open longer than the " + f.severity() + " response time of " + policy.responseTime(f.severity())
                + " since it was notified at " + triggered.truncatedTo(ChronoUnit.SECONDS) + "; "
                + (up == f.severity() ? "paged again on " : "escalated to ") + up + " routing";
        Notice notice = policy.notice(f, Notice.Kind.ESCALATE, up, why, runId);
        int queued = 0;
        for (Channel channel : policy.channels(up)) {
            outbox.add(runId, f.fingerprint(), channel.name(), Notice.Kind.ESCALATE, channel.payload(notice), now);
            queued++;
        }
        outbox.escalationLevel(f.fingerprint(), 1);
        return new Escalation(1, queued, 0, unanswered);
    }

    private Acknowledgements.Answer acknowledged(String fingerprint) {
        try {
            return incidents.acknowledged(fingerprint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Acknowledgements.Answer.unanswered("interrupted");
        }
    }

    /**
     * Sends every due row, earlier runs' first. A row that fails is retried within this call after the backoff
     * (doubling each time) up to {@code attempts} times; then it stays pending for the next run, or is marked
     * failed once {@code max-attempts} sends failed or the channel rejected it (a 4xx other than 408 and 429).
     * A channel whose row failed every retry is taken as down: its other rows wait for the next run untouched.
     *
     * @param claimant the job execution sending: if its process dies, a restart sends again what it had claimed
     */
    public void dispatch(long claimant) throws InterruptedException {
        outbox.release(clock.instant().minus(ABANDONED));
        Set<String> down = new HashSet<>();
        for (Outbox.Row row : outbox.due(clock.instant())) {
            if (down.contains(row.channel()) || !outbox.claim(row.id(), clock.instant(), claimant)) {
                continue;
            }
            if (!send(row)) {
                down.add(row.channel());
            }
        }
    }

    /** False when the channel looks down: the row's retries in this run all failed and may succeed later. */
    private boolean send(Outbox.Row row) throws InterruptedException {
        Channel channel;
        try {
            channel = policy.channel(row.channel());
        } catch (IllegalArgumentException e) {
            outbox.failed(row.id(), row.attempts(), e.getMessage(), clock.instant(), true);
            return true;
        }
        int attempts = row.attempts();
        Duration backoff = dispatch.backoff();
        for (int i = 1; ; i++) {
            attempts++;
            try {
                if (!channel.configured()) {
                    throw new IllegalStateException("channel " + channel.name() + " is no longer configured");
                }
                channel.send(row.payload());
                outbox.sent(row.id(), row.fingerprint(), attempts, clock.instant());
                return true;
            } catch (JsonPost.PostException | RuntimeException e) {
                boolean retryable = !(e instanceof JsonPost.PostException p) || p.retryable();
                boolean giveUp = !retryable || attempts >= dispatch.maxAttempts();
                if (giveUp || i >= dispatch.attempts()) {
                    LOG.warn("notification {} to {} not sent ({} attempts): {}", row.id(), row.channel(), attempts,
                            e.getMessage());
                    outbox.failed(row.id(), attempts, e.getMessage(), clock.instant(), giveUp);
                    return !retryable;
                }
                sleeper.sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    /** Writes {@code <runDir>/notifications.json}: the notifications the run queued and where each stands. */
    public Path write(long runId, Path runDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("notifications");
        for (Outbox.Entry e : outbox.entries(runId)) {
            ObjectNode n = list.addObject();
            n.put("fingerprint", e.fingerprint());
            n.put("code", e.code());
            n.put("severity", e.severity());
            n.put("channel", e.channel());
            n.put("kind", e.kind().toString());
            n.put("status", e.status());
            n.put("attempts", e.attempts());
        }
        Files.createDirectories(runDir);
        Path part = Files.createTempFile(runDir, "." + FILE + "-", ".part");
        try {
            Files.writeString(part, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Path file = runDir.resolve(FILE);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
