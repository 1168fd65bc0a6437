package ai.smartcloudops.audit.run;

import java.util.function.Supplier;

/**
 * What the user asked for cannot be done as asked: an unknown job, area or target, a window that already ended, a
 * run that does not exist. The command line exits 2 for it and the API answers 400; an IllegalArgumentException
 * anywhere else is a bug and exits 1.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    private UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Parses what the user gave with a parser of the model, whose IllegalArgumentException names the problem. */
    public static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
