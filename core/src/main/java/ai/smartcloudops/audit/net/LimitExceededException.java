package ai.smartcloudops.audit.net;

import java.io.IOException;

/**
 * A read the audit cut off at one of its own limits: a body larger than {@link HttpLimits#maxBody()}, or an answer
 * that started but did not complete within its deadline. The message names the limit.
 */
public class LimitExceededException extends IOException {

    public LimitExceededException(String message) {
        super(message);
    }

    /** Whether {@code error} or one of its causes is a limit of the audit. */
    public static boolean in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof LimitExceededException) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
