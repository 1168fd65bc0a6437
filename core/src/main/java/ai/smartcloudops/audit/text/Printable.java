package ai.smartcloudops.audit.text;

/**
 * Text from the estate shown on one line: control characters (CR, LF, ESC, ...), Unicode line separators and
 * bidirectional overrides are written as escapes ({@code \r}, {@code \n}, {@code \t}, {@code \u001b}), so a name
 * cannot start a line of its own, move the cursor or recolour the terminal.
 */
public final class Printable {

    private Printable() {
    }

    /** Text an operator is shown, on a console or in a log: on one line, and any URL's secrets masked. */
    public static String safe(String text) {
        return escape(Urls.mask(text));
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escaped(c);
            out.append(escaped == null ? String.valueOf(c) : escaped);
        }
        return out.toString();
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                    ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
