package ai.smartcloudops.audit.text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text read from the estate made safe to keep: whatever a server, a label or an object name holds, what the audit
 * stores and shows is valid Unicode without NUL or terminal control characters. PostgreSQL refuses NUL in text
 * ({@code invalid byte sequence for encoding "UTF8": 0x00}) and a lone surrogate has no UTF-8 form, so one such
 * character in one label would fail a whole run's write; each becomes U+FFFD instead, visibly.
 */
public final class Text {

    public static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /**
     * {@code value} with NUL, the other C0 controls but tab, line feed and carriage return, DEL, the C1 controls, the
     * bidirectional overrides and every unpaired surrogate replaced by U+FFFD; null stays null. Returns the same
     * string when nothing is replaced.
     */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        int length = value.length();
        int i = 0;
        while (i < length && allowed(value, i)) {
            i += Character.isHighSurrogate(value.charAt(i)) ? 2 : 1;
        }
        if (i >= length) {
            return value;
        }
        StringBuilder out = new StringBuilder(length).append(value, 0, i);
        while (i < length) {
            char c = value.charAt(i);
            if (allowed(value, i)) {
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(value.charAt(i + 1));
                    i++;
                }
            } else {
                out.append(REPLACEMENT);
            }
            i++;
        }
        return out.toString();
    }

    /** Keys and values of a small map, each {@link #clean cleaned}, in the same order. */
    public static Map<String, String> clean(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(clean(k), clean(v)));
        return out;
    }

    private static boolean allowed(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return false;
        }
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        // bidirectional overrides would let a name read differently from what it is in a report
        return (c < 0x7f || c > 0x9f) && !(c >= '\u202a' && c <= '\u202e') && !(c >= '\u2066' && c <= '\u2069');
    }
}
