package ai.smartcloudops.audit.store;

/** The store cannot be used; the message names where it is and why, and is safe to print (no secrets). */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
