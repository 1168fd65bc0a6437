package ai.smartcloudops.audit.waiver;

import ai.smartcloudops.audit.config.AuditProperties;
import ai.smartcloudops.audit.finding.Finding;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Waivers: those the {@code waive} command stores in table {@code waiver} and those of the configuration
 * ({@code health-audit.waivers}). A waiver matches a finding when its code equals the finding's code (or is
 * {@code *}) and its pattern, a glob, matches the whole of {@link #subject(Finding)}:
 * {@code target/kind/namespace/name}, or {@code target/kind/name} for a resource without a namespace. In the glob
 * {@code *} is any run of characters ({@code /} included), {@code ?} is one character, everything else is literal
 * and case-sensitive. A waiver is active until its expiry; an expired one waives nothing, and the finding it
 * matched carries the evidence {@value #EXPIRED} saying whose waiver expired and when. A finding already waived
 * (by a Kubernetes annotation) is left as it is.
 */
@Component
public class Waivers {

    /** The evidence key of a finding whose waiver expired. */
    public static final String EXPIRED = "waiver expired";

    private final JdbcClient jdbc;
    private final AuditProperties properties;

    public Waivers(JdbcClient jdbc, AuditProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** One waiver; id is null for a waiver of the configuration. */
    public record Waiver(Long id, String code, String match, String reason, String owner, Instant expiresAt) {

        public Waiver {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        public boolean matches(Finding finding) {
            return ("*".equals(code) || code.equals(finding.code().code()))
                    && glob(match).matcher(subject(finding)).matches();
        }

        public boolean activeAt(Instant now) {
            return expiresAt.isAfter(now);
        }

        /** Who, why and until when. */
        public String text() {
            return "waived by " + owner + " until " + expiresAt + ": " + reason + " (" + source() + ")";
        }

        public String expiredText() {
            return "waiver by " + owner + " expired on " + expiresAt + ": " + reason + " (" + source() + ")";
        }

        private String source() {
            return id == null ? "configuration" : "waiver " + id;
        }
    }

    /** The string a waiver's pattern is matched against. */
    public static String subject(Finding finding) {
        return finding.target() + "/" + finding.resource().path();
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The findings with the waivers of the store and the configuration applied at the given instant. */
    public List<Finding> apply(List<Finding> findings, Instant now) {
        List<Waiver> all = new ArrayList<>(stored());
        all.addAll(configured());
        return apply(findings, all, now);
    }

    /**
     * Waives each finding an active waiver matches (the one expiring last says why); a finding only expired
     * waivers match keeps counting and carries evidence of the waiver that expired last.
     */
    public static List<Finding> apply(List<Finding> findings, List<Waiver> waivers, Instant now) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.waived()) {
                out.add(f);
                continue;
            }
            List<Waiver> matching = waivers.stream().filter(w -> w.matches(f))
                    .sorted(Comparator.comparing(Waiver::expiresAt).reversed()).toList();
            Optional<Waiver> active = matching.stream().filter(w -> w.activeAt(now)).findFirst();
            if (active.isPresent()) {
                out.add(f.waive(active.get().text()));
            } else if (!matching.isEmpty()) {
                Map<String, String> evidence = new LinkedHashMap<>(f.evidence());
                evidence.put(EXPIRED, matching.get(0).expiredText());
                out.add(f.toBuilder().evidence(evidence).build());
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** Stores a waiver and returns its id. */
    public long add(String code, String match, String reason, String owner, Instant expiresAt) {
        return jdbc.sql("INSERT INTO waiver (code, match_pattern, reason, owner, expires_at) VALUES (?, ?, ?, ?, ?) "
                        + "RETURNING id")
                .params(code, match, reason, owner, Timestamp.from(expiresAt)).query(Long.class).single();
    }

    /** The waivers of the store and the configuration that are active at the given instant, soonest expiry first. */
    public List<Waiver> active(Instant now) {
        List<Waiver> all = new ArrayList<>(stored());
        all.addAll(configured());
        return all.stream().filter(w -> w.activeAt(now)).sorted(Comparator.comparing(Waiver::expiresAt)).toList();
    }

    private List<Waiver> stored() {
        return jdbc.sql("SELECT id, code, match_pattern, reason, owner, expires_at FROM waiver ORDER BY id")
                .query((rs, n) -> new Waiver(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    private List<Waiver> configured() {
        return properties.waivers().stream().map(w -> new Waiver(null, w.code(), w.match(), w.reason(), w.owner(),
                w.expiresAt())).toList();
    }
}
