package ai.smartcloudops.audit.text;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quoting for the languages a remediation command is written in: a POSIX shell word and, inside it, an SQL
 * identifier or string. A value that needs no quotes is left as it is, so ordinary names read as before.
 */
public final class Quote {

    /** Characters no POSIX shell treats specially, anywhere in a word. */
    private static final Pattern SHELL_PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    /** Characters a double-quoted shell string expands or ends on ({@code !}: history in an interactive bash). */
    private static final Pattern DOUBLE_QUOTED_SPECIAL = Pattern.compile("[$`\"\\\\!]");
    private static final Pattern SQL_PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** PostgreSQL's reserved key words, which only a quoted identifier may be. */
    private static final Set<String> SQL_RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user",
            "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    private Quote() {
    }

    /** One shell word that is exactly {@code value}: as it is when plain, else in single quotes. */
    public static String shellWord(String value) {
        return SHELL_PLAIN.matcher(value).matches() ? value : "'" + insideSingleQuotes(value) + "'";
    }

    /** {@code value} written inside a single-quoted shell string: each {@code '} ends, escapes and reopens it. */
    public static String insideSingleQuotes(String value) {
        return value.replace("'", "'\\''");
    }

    /**
     * {@code value} written inside a double-quoted shell string: as it is when nothing in it expands, else the
     * string is closed, the value single-quoted, and the string reopened, all one word.
     */
    public static String insideDoubleQuotes(String value) {
        return DOUBLE_QUOTED_SPECIAL.matcher(value).find() ? "\"" + shellWord(value) + "\"" : value;
    }

    /** An SQL identifier that is exactly {@code value}: double-quoted (with {@code "} doubled) unless plain. */
    public static String sqlIdentifier(String value) {
        return SQL_PLAIN.matcher(value).matches() && !SQL_RESERVED.contains(value)
                ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** An SQL string literal of {@code value}, with {@code '} doubled. */
    public static String sqlString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
