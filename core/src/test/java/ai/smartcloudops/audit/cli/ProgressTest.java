package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.run.SweepProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.context.PayloadApplicationEvent;

/** Progress where the output is not a terminal (a CronJob's log): one plain line per area, once it is done. */
class ProgressTest {

    private final StringWriter printed = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final Progress progress = Progress.lines(new PrintWriter(printed), nanos::get);

    @Test
    void anAreaPrintsOneLineWhenItsLastPairIsJudged() {
        event(new SweepProgress.Planned(1, Map.of(Area.KUBERNETES, new SweepProgress.Plan(3, 1),
                Area.POSTGRES, new SweepProgress.Plan(2, 2))));
        judged(Area.KUBERNETES, 4, Duration.ofMillis(300));
        judged(Area.POSTGRES, 0, Duration.ofMillis(1200));
        judged(Area.KUBERNETES, 1, Duration.ofMillis(100));

        assertThat(printed.toString()).as("nothing until an area is done").isEmpty();

        judged(Area.POSTGRES, 1, Duration.ofMillis(50));
        judged(Area.KUBERNETES, 0, Duration.ofMillis(2000));

        assertThat(printed.toString().lines()).containsExactly(
                "postgres       2/2    checks   2 targets     1 finding     1.6s",
                "kubernetes     3/3    checks   1 target      5 findings    3.6s");
    }

    @Test
    void judgingOutsideThePlanIsIgnored() {
        event(new SweepProgress.Planned(1, Map.of(Area.REDIS, new SweepProgress.Plan(1, 1))));
        judged(Area.TLS, 3, Duration.ZERO);
        judged(Area.REDIS, 0, Duration.ofSeconds(12));

        assertThat(printed.toString().lines()).containsExactly(
                "redis          1/1    checks   1 target      0 findings   12.0s");
    }

    @Test
    void noColourWhenAskedOrWhenNoColorIsSet() {
        OutputOptions options = new OutputOptions();
        assertThat(options.color(null)).isTrue();
        assertThat(options.color("")).as("NO_COLOR set but empty does not count").isTrue();
        assertThat(options.color("1")).isFalse();
        options.noColor = true;
        assertThat(options.color(null)).isFalse();
    }

    private void judged(Area area, int findings, Duration after) {
        nanos.addAndGet(after.toNanos());
        event(new SweepProgress.Judged(1, area, "check", "target", findings));
    }

    private void event(SweepProgress payload) {
        progress.onApplicationEvent(new PayloadApplicationEvent<>(this, payload));
    }
}
