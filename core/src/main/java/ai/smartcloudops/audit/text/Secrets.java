package ai.smartcloudops.audit.text;

import java.util.regex.Pattern;

/**
 * Free text written by someone else (a container's log lines) made safe to keep: what looks like a credential becomes
 * {@code ****} — URLs as {@link Urls#mask} shows them, {@code Authorization} headers, bearer and basic tokens, and
 * the value of any {@code password=}, {@code token: } or {@code api_key=}-like assignment.
 */
public final class Secrets {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)\\b(authorization\\s*[:=]\\s*(?:(?:bearer|basic|token|apikey)\\s+)?|bearer\\s+|basic\\s+)"
                    + "[\"']?[A-Za-z0-9._~+/=-]{4,}");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)([\"']?[a-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|credential)"
                    + "[a-z0-9_.-]*[\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"']+)");

    private Secrets() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String masked = Urls.mask(text);
        masked = AUTHORIZATION.matcher(masked).replaceAll("$1" + Urls.MASK);
        return ASSIGNMENT.matcher(masked).replaceAll("$1" + Urls.MASK);
    }
}
