package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.text.Printable;
import ai.smartcloudops.audit.text.Quote;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills {@code {name}} placeholders; a placeholder without a value is a programming error in the check. A value
 * may be empty (an optional flag): the space it leaves inside a line, or at its end, is dropped.
 *
 * <p>Titles and details are prose: values go in as they are. A remediation is a bash script, pasted by an operator
 * and sent to chat, pagers and tickets, so {@link #command} quotes every value for the place it stands in: a bare
 * word or part of one, a single- or double-quoted string, or a comment (where control characters are escaped so the
 * value stays on the comment's line). {@code {sql:name}} puts the value in as an SQL identifier and
 * {@code {sqlstr:name}} as an SQL string literal, then quotes that for the shell. A {@link Words} value is several
 * shell words; a {@link Variable} is a name the operator supplies, expanded where it stands.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:(sql|sqlstr):)?([a-zA-Z][a-zA-Z0-9_]*)}");

    /** Where a placeholder stands in a shell script. */
    private enum Quoting { WORD, SINGLE, DOUBLE, COMMENT }

    private Template() {
    }

    /** Prose: values as they are. */
    public static String render(String template, Map<String, ?> values, String code) {
        return fill(template, values, code, false);
    }

    /** A remediation script: every value quoted for where it stands, so pasting it runs only what it says. */
    public static String command(String template, Map<String, ?> values, String code) {
        return fill(template, values, code, true);
    }

    private static String fill(String template, Map<String, ?> values, String code, boolean shell) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        Matcher m = PLACEHOLDER.matcher(template);
        Quoting quoting = Quoting.WORD;
        int i = 0;
        while (i < template.length()) {
            if (template.charAt(i) == '{' && m.region(i, template.length()).lookingAt()) {
                String value = value(m, values, code, template, shell ? quoting : null);
                i = m.end();
                if (value.isEmpty() && i < template.length() && template.charAt(i) == ' ' && endsWithSpace(out)) {
                    i++;
                } else if (value.isEmpty() && (i == template.length() || template.charAt(i) == '\n')) {
                    out.setLength(out.toString().stripTrailing().length());
                }
                out.append(value);
                continue;
            }
            char c = template.charAt(i);
            out.append(c);
            if (shell) {
                if (c == '\\' && (quoting == Quoting.WORD || quoting == Quoting.DOUBLE) && i + 1 < template.length()) {
                    out.append(template.charAt(++i));
                } else {
                    quoting = next(quoting, c, i == 0 ? '\n' : template.charAt(i - 1));
                }
            }
            i++;
        }
        if (quoting == Quoting.SINGLE || quoting == Quoting.DOUBLE) {
            throw new IllegalArgumentException(code + ": the remediation ends inside a quoted string: '" + template
                    + "'");
        }
        return out.toString();
    }

    private static Quoting next(Quoting quoting, char c, char previous) {
        return switch (quoting) {
            case WORD -> c == '\'' ? Quoting.SINGLE : c == '"' ? Quoting.DOUBLE
                    : c == '#' && " \t\n;|&()<>".indexOf(previous) >= 0 ? Quoting.COMMENT : Quoting.WORD;
            case SINGLE -> c == '\'' ? Quoting.WORD : Quoting.SINGLE;
            case DOUBLE -> c == '"' ? Quoting.WORD : Quoting.DOUBLE;
            case COMMENT -> c == '\n' ? Quoting.WORD : Quoting.COMMENT;
        };
    }

    private static boolean endsWithSpace(StringBuilder out) {
        return out.isEmpty() || out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\n';
    }

    /** The placeholder's value, quoted for {@code quoting} (prose when null). */
    private static String value(Matcher m, Map<String, ?> values, String code, String template, Quoting quoting) {
        Object value = values.get(m.group(2));
        if (value == null) {
            throw new IllegalArgumentException(code + ": no value for {" + m.group(2) + "} in template '"
                    + template + "'");
        }
        if (quoting == null) {
            return String.valueOf(value);
        }
        if (value instanceof Variable variable) {
            if (m.group(1) != null) {
                throw new IllegalArgumentException(code + ": " + m.group() + " cannot take the shell variable "
                        + variable);
            }
            return switch (quoting) {
                case WORD -> '"' + variable.toString() + '"';
                case SINGLE -> "'\"" + variable + "\"'";
                case DOUBLE, COMMENT -> variable.toString();
            };
        }
        if (value instanceof Words words && quoting == Quoting.WORD && m.group(1) == null) {
            return words.words().stream().map(Quote::shellWord).collect(Collectors.joining(" "));
        }
        String text = String.valueOf(value);
        if ("sql".equals(m.group(1))) {
            text = Quote.sqlIdentifier(text);
        } else if ("sqlstr".equals(m.group(1))) {
            text = Quote.sqlString(text);
        }
        return switch (quoting) {
            case WORD -> text.isEmpty() ? "" : Quote.shellWord(text);
            case SINGLE -> Quote.insideSingleQuotes(text);
            case DOUBLE -> Quote.insideDoubleQuotes(text);
            case COMMENT -> Printable.escape(text);
        };
    }

    /**
     * A value that is several shell words (flags and their arguments, a list of names): a remediation quotes each
     * word on its own; prose and evidence show them separated by spaces.
     */
    public record Words(List<String> words) {

        public Words {
            words = List.copyOf(words);
        }

        public static Words of(String... words) {
            return new Words(List.of(words));
        }

        @Override
        public String toString() {
            return String.join(" ", words);
        }
    }

    /**
     * A name the audit does not know, which the operator sets as shell variable {@code name} (the remediation says
     * what it is in a comment): a command expands it as one word, prose shows {@code $name}.
     */
    public record Variable(String name) {

        public Variable {
            if (name == null || !name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("not a shell variable name: " + name);
            }
        }

        @Override
        public String toString() {
            return "$" + name;
        }
    }
}
