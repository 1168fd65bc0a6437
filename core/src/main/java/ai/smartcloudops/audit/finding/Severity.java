package ai.smartcloudops.audit.finding;

import java.util.Arrays;
import java.util.Locale;

/** The guide's severity levels; P0 is the most severe. */
public enum Severity {
    P0("Critical", "Complete service outage, data loss, security breach"),
    P1("High", "Major functionality impaired, significant user impact"),
    P2("Medium", "Minor functionality affected, limited user impact"),
    P3("Low", "Cosmetic issues, no user impact");

    private final String label;
    private final String meaning;

    Severity(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }

    /** True when this severity is as severe as {@code other} or more. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }

    public static Severity parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + value + "' is not a severity; expected one of P0, P1, P2, P3"));
    }
}
