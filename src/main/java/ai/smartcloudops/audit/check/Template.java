package ai.smartcloudops.audit.check;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {name}} placeholders; a placeholder without a value is a programming error in the check. A value
 * may be empty (an optional flag): the spaces it leaves inside a line, and at its end, are dropped.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9_]*)}");
    private static final Pattern GAP = Pattern.compile("(?<=\\S) {2,}(?=\\S)");
    private static final Pattern TRAILING = Pattern.compile("[ \\t]+$", Pattern.MULTILINE);

    private Template() {
    }

    public static String render(String template, Map<String, ?> values, String code) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(code + ": no value for {" + m.group(1) + "} in template '"
                        + template + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return TRAILING.matcher(GAP.matcher(out).replaceAll(" ")).replaceAll("");
    }
}
