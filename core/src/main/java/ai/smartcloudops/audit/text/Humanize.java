package ai.smartcloudops.audit.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * The one way a duration, a size or a percentage is shown to a reader (findings, reports, notifications), so the
 * same kind of value reads the same wherever it appears. Values a configuration or a command takes keep their own
 * notation (a Kubernetes quantity, a timeout as written in the file).
 */
public final class Humanize {

    /** What a value that is not a number (NaN, infinite) shows as. */
    public static final String UNKNOWN = "n/a";

    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final BigInteger[] TIME_DIVISORS = {BigInteger.valueOf(86_400), BigInteger.valueOf(3_600),
            BigInteger.valueOf(60), BigInteger.ONE};
    private static final String[] TIME_UNITS = {"d", "h", "m", "s"};
    private static final BigDecimal MILLISECOND = new BigDecimal("0.001");

    private Humanize() {
    }

    /**
     * The two largest units from days to seconds, the second left out when it is zero and the rest truncated:
     * {@code 2d 3h}, {@code 2d}, {@code 5h 12m}, {@code 51m}, {@code 4m 12s}. Under a minute the seconds to the
     * millisecond ({@code 12s}, {@code 1.5s}), under a second the milliseconds to a tenth ({@code 250ms},
     * {@code 12.3ms}), under a millisecond whole microseconds ({@code 400µs}); zero is {@code 0s}, and a negative
     * duration keeps its sign ({@code -5m}).
     */
    public static String duration(Duration duration) {
        return duration(BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9)));
    }

    /** A number of seconds, as {@link #duration(Duration)} shows it. */
    public static String seconds(double seconds) {
        return Double.isFinite(seconds) ? duration(BigDecimal.valueOf(seconds)) : UNKNOWN;
    }

    /** A number of milliseconds, as {@link #duration(Duration)} shows it. */
    public static String millis(double millis) {
        return Double.isFinite(millis) ? duration(BigDecimal.valueOf(millis).movePointLeft(3)) : UNKNOWN;
    }

    /**
     * Bytes in the largest binary unit that keeps the number at least 1, to a tenth: {@code 512 B}, {@code 1.5 GiB},
     * {@code 2 MiB}; whole bytes below a KiB.
     */
    public static String bytes(double bytes) {
        if (!Double.isFinite(bytes)) {
            return UNKNOWN;
        }
        BigDecimal value = BigDecimal.valueOf(Math.abs(bytes));
        int unit = 0;
        while (unit < BYTE_UNITS.length - 1 && value.compareTo(KIBI) >= 0) {
            value = value.divide(KIBI);
            unit++;
        }
        BigDecimal shown = value.setScale(unit == 0 ? 0 : 1, RoundingMode.HALF_UP);
        if (shown.compareTo(KIBI) >= 0 && unit < BYTE_UNITS.length - 1) {
            // 1023.96 KiB rounds up to the next unit, never to "1024 KiB"
            shown = shown.divide(KIBI).setScale(1, RoundingMode.HALF_UP);
            unit++;
        }
        return (bytes < 0 && shown.signum() != 0 ? "-" : "") + plain(shown) + " " + BYTE_UNITS[unit];
    }

    /** A value in percent to a tenth: {@code 91.3%}, {@code 90%}. */
    public static String percent(double percent) {
        if (!Double.isFinite(percent)) {
            return UNKNOWN;
        }
        BigDecimal shown = BigDecimal.valueOf(percent).setScale(1, RoundingMode.HALF_UP);
        return plain(shown) + "%";
    }

    private static String duration(BigDecimal seconds) {
        String shown = unsigned(seconds.abs());
        // a value too small to show is zero, without a sign
        return seconds.signum() < 0 && !shown.equals("0µs") ? "-" + shown : shown;
    }

    private static String unsigned(BigDecimal seconds) {
        if (seconds.signum() == 0) {
            return "0s";
        }
        if (seconds.compareTo(MILLISECOND) < 0) {
            return seconds.movePointRight(6).setScale(0, RoundingMode.DOWN) + "µs";
        }
        if (seconds.compareTo(BigDecimal.ONE) < 0) {
            return plain(seconds.movePointRight(3).setScale(1, RoundingMode.DOWN)) + "ms";
        }
        if (seconds.compareTo(BigDecimal.valueOf(60)) < 0) {
            return plain(seconds.setScale(3, RoundingMode.DOWN)) + "s";
        }
        BigInteger rest = seconds.toBigInteger();
        BigInteger[] parts = new BigInteger[TIME_UNITS.length];
        for (int i = 0; i < TIME_UNITS.length; i++) {
            BigInteger[] quotient = rest.divideAndRemainder(TIME_DIVISORS[i]);
            parts[i] = quotient[0];
            rest = quotient[1];
        }
        int first = 0;
        while (parts[first].signum() == 0) {
            first++;
        }
        String shown = parts[first] + TIME_UNITS[first];
        return first + 1 < parts.length && parts[first + 1].signum() != 0
                ? shown + " " + parts[first + 1] + TIME_UNITS[first + 1] : shown;
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
