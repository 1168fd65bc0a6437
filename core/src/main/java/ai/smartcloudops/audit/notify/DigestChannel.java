package ai.smartcloudops.audit.notify;

import java.util.List;

/**
 * A channel that tells many new findings of one run in one message: past {@link #digestAbove()} triggers for one
 * destination (a Slack channel), the run queues one digest instead of a message per finding.
 */
public interface DigestChannel extends Channel {

    /** Triggers for one destination in one run above which they go as one digest. */
    int digestAbove();

    /** Where the notice goes on this channel: its triggers are counted per destination. */
    String destination(Notice notice);

    /** One message for the notices, all of one destination, most severe first. */
    String digest(List<Notice> notices);
}
