package ai.smartcloudops.audit.finding;

import ai.smartcloudops.audit.text.Text;
import java.time.Instant;

/** A number a run recorded (table metric_sample), and when it was taken. */
public record Sample(double value, Instant at) {

    /** Which number of which target; names may hold an instance's own names: cleaned like a finding's text. */
    public record Key(String target, String name) {

        public Key {
            target = Text.clean(target);
            name = Text.clean(name);
        }
    }
}
