package ai.smartcloudops.audit.run;

/** One-line descriptions of failures, for findings, coverage and the terminal: no stack traces. */
public final class Errors {

    private static final int MAX = 500;
    /** What fabric8 says of every failure without an HTTP answer: the cause says what happened. */
    private static final String SAYS_NOTHING = "An error has occurred.";

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
        String outer = error.getMessage() == null || error.getMessage().strip().equals(SAYS_NOTHING) ? null
                : error.getMessage();
        String message = outer == null ? rootMessage : outer;
        if (root != error && root.getMessage() != null && outer != null && !outer.contains(root.getMessage())) {
            message = outer + " (" + rootMessage + ")";
        }
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > MAX ? message.substring(0, MAX - 3) + "..." : message;
    }
}
