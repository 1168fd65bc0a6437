package ai.smartcloudops.audit.run;

/** One-line descriptions of failures, for findings, coverage and the terminal: no stack traces. */
public final class Errors {

    private static final int MAX = 500;

    private Errors() {
    }

    /** The outer message, with the innermost cause when it adds something, on one bounded line. */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        String message = error.getMessage() == null ? rootMessage : error.getMessage();
        if (root != error && root.getMessage() != null && error.getMessage() != null
                && !error.getMessage().contains(root.getMessage())) {
            message = error.getMessage() + " (" + rootMessage + ")";
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > MAX ? message.substring(0, MAX - 3) + "..." : message;
    }
}
