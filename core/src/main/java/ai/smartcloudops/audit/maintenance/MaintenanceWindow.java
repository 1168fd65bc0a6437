package ai.smartcloudops.audit.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A maintenance window: its start and its length, given as {@code START/DURATION} — START an ISO offset date-time
 * or instant ({@code 2026-12-01T22:00Z}, {@code 2026-12-01T22:00:00+01:00}), DURATION ISO ({@code PT4H}) or short
 * ({@code 4h}, {@code 90m}, {@code 2h30m}).
 */
public record MaintenanceWindow(Instant start, Duration duration) {

    static final String EXPECTED = "--window expects START/DURATION, e.g. 2026-12-01T22:00Z/4h "
            + "(START an ISO date-time with offset, DURATION like PT4H, 4h, 90m or 2h30m)";
    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?");

    public MaintenanceWindow {
        Objects.requireNonNull(start, "--window start");
        Objects.requireNonNull(duration, "--window duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--window duration must be positive; got " + duration);
        }
    }

    public Instant end() {
        return start.plus(duration);
    }

    /** Parses {@code START/DURATION}; a window that has already ended at {@code now} is refused. */
    public static MaintenanceWindow parse(String text, Instant now) {
        MaintenanceWindow window = parse(text);
        if (!window.end().isAfter(now)) {
            throw new IllegalArgumentException("--window " + text + " already ended at " + window.end()
                    + "; give a window that ends in the future");
        }
        return window;
    }

    /** Parses {@code START/DURATION}, e.g. as a job parameter holds it. */
    public static MaintenanceWindow parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException(EXPECTED + "; got '" + text + "'");
        }
        return new MaintenanceWindow(start(text.substring(0, slash).trim(), text),
                duration(text.substring(slash + 1).trim(), text));
    }

    private static Instant start(String start, String text) {
        try {
            return OffsetDateTime.parse(start).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--window start '" + start + "' is not an ISO date-time with an "
                    + "offset such as 2026-12-01T22:00Z or 2026-12-01T22:00:00+01:00 (in '" + text + "')");
        }
    }

    private static Duration duration(String duration, String text) {
        String lower = duration.toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(lower);
        Duration parsed;
        if (!lower.isEmpty() && m.matches()) {
            parsed = Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
                    .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
        } else {
            try {
                parsed = Duration.parse(duration);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--window duration '" + duration + "' is neither ISO (PT4H) "
                        + "nor short (4h, 90m, 2h30m) (in '" + text + "')");
            }
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("--window duration '" + duration + "' must be positive (in '"
                    + text + "')");
        }
        return parsed;
    }

    /** As given on the command line: {@code 2026-12-01T22:00:00Z/PT4H}. */
    @Override
    public String toString() {
        return start + "/" + duration;
    }
}
