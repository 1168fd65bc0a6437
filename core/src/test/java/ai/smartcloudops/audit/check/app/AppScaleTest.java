package ai.smartcloudops.audit.check.app;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.BlackholeRun;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * 200 health URLs, 20 of them blackholed (accept, never answer), at the default concurrency: exactly the
 * blackholed ones are reported, and they were waited for side by side. How long the run takes is
 * docs/benchmarks.md's business (the same run at 500 URLs, {@link AppScale#main}), not a test's.
 */
class AppScaleTest {

    @Test
    void twoHundredUrlsWithTwentyBlackholedWaitForTheBlackholedSideBySide() throws Exception {
        BlackholeRun run = AppScale.run(200, 20, Duration.ofSeconds(1), null).verify();

        // every blackholed URL was reached before the first one reached timed out: not one after another
        assertThat(run.spread()).isLessThan(run.timeout());
        assertThat(run.wall()).isGreaterThanOrEqualTo(run.timeout());
    }
}
