package ai.smartcloudops.audit.notify;

/** Where notifications go. A channel that is not configured (no URL or key) receives nothing. */
public interface Channel {

    /** The name the policy uses: slack, pagerduty, webhook. */
    String name();

    boolean configured();

    /** Whether the channel has resolve events (only those get {@code resolve} notifications). */
    boolean resolves();

    /** The body stored in the outbox: no secret goes in it. */
    String payload(Notice notice);

    /** Sends a stored body, adding the channel's secrets to the request. */
    void send(String payload) throws JsonPost.PostException, InterruptedException;
}
