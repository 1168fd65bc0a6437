package ai.smartcloudops.audit.report.excel;

/**
 * The one way a text reaches a spreadsheet cell. A value that a spreadsheet could take for a formula (it starts
 * with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) gets a leading single quote, so
 * that copying it elsewhere, saving the sheet as CSV or editing the cell never turns audit data (which comes
 * from the audited estate: pod names, queries, log lines) into a formula. Texts longer than a cell can hold are
 * cut with a marker instead of failing the whole report.
 */
public final class ExcelText {

    /** The most characters an Excel cell holds. */
    static final int MAX_LENGTH = 32_767;
    static final String CUT = "… (cut)";

    private ExcelText() {
    }

    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsLikeFormula(value) ? "'" + value : value;
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH - CUT.length()) + CUT;
        }
        return text;
    }

    static boolean startsLikeFormula(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
