package ai.smartcloudops.audit.notify;

/** Whether someone acknowledged the incident a channel opened for a finding, asked of the channel's API. */
public interface Acknowledgements {

    /** The channel whose incidents these are. */
    String channel();

    /** Whether there is a way to ask. */
    boolean configured();

    /** Whether an open incident of the finding's fingerprint is acknowledged, asked only when configured. */
    Answer acknowledged(String fingerprint) throws InterruptedException;

    /**
     * What the API said.
     *
     * @param acknowledged whether an incident is acknowledged; null when the API could not tell
     * @param unanswered   why it could not (no answer, an error, an answer that is not what was asked)
     */
    record Answer(Boolean acknowledged, String unanswered) {
        public static Answer of(boolean acknowledged) {
            return new Answer(acknowledged, null);
        }

        public static Answer unanswered(String why) {
            return new Answer(null, why);
        }
    }
}
