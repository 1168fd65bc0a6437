package ai.smartcloudops.audit.finding;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The team that owns a code, for escalation routing (the guide's contact list). */
public enum Team {
    PLATFORM, DATABASE, SECURITY, NETWORK;

    /** As reports and notifications name it: "database". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The team whose {@link #id()} is {@code value} (any case); an unknown one is refused, naming the valid ones. */
    public static Team parse(String value) {
        String id = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown team '" + value + "'; valid teams: "
                        + Arrays.stream(values()).map(Team::id)
                        .collect(Collectors.joining(", "))));
    }
}
