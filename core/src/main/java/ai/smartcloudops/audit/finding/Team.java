package ai.smartcloudops.audit.finding;

/** The team that owns a code, for escalation routing (the guide's contact list). */
public enum Team {
    PLATFORM, DATABASE, SECURITY, NETWORK;

    /** As reports and notifications name it: "database". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
