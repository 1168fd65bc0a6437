package ai.smartcloudops.audit.check;

import java.util.Objects;

/**
 * Something a check could not see on its target because the audit's identity may not read it. The sweep makes the
 * check's coverage "partial" and raises one AUDIT-904 per target and permission, however many checks or rows it hid.
 *
 * @param hidden     what stayed hidden, e.g. {@code last_value of 2 sequences (shop.a, shop.b)}
 * @param permission what would show it, as the target's own system names it; it names the AUDIT-904, so it must not
 *                   change from run to run: {@code GRANT pg_read_all_stats}, {@code list pods},
 *                   {@code rds:DescribeDBInstances}, {@code ACL +slowlog}
 * @param grant      how to give it, e.g. {@code GRANT pg_read_all_stats TO health_audit;}
 */
public record Gap(String hidden, String permission, String grant) {

    public Gap {
        hidden = required(hidden, "hidden");
        permission = required(permission, "permission");
        grant = required(grant, "grant");
    }

    /** One line: what the target says is kept, a line break it put there is not. */
    private static String required(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.replaceAll("\\s+", " ").trim();
    }

    /** The coverage reason: {@code needs <permission>: <hidden>}. */
    public String reason() {
        return "needs " + permission + ": " + hidden;
    }
}
