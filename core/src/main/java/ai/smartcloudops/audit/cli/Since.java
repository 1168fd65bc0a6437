package ai.smartcloudops.audit.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** --since: an age back from now (30m, 12h, 7d, 2w), a date (its start, UTC) or an instant. */
final class Since {

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([mhdw])");

    private Since() {
    }

    static Instant parse(String value, Instant now) {
        String text = value.trim();
        Matcher age = AGE.matcher(text);
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration unit = switch (age.group(2)) {
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes an age such as 30m, 12h, 7d or 2w, a date such as "
                    + "2026-12-01 or an instant such as 2026-12-01T08:00:00Z; got '" + value + "'");
        }
    }
}
