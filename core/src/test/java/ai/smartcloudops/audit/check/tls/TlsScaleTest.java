package ai.smartcloudops.audit.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.check.BlackholeRun;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 endpoints, 20 of them blackholes, at the default concurrency: the blackholes stall side by side, as long as
 * no more of them stall than the pool has threads. How long the run takes is docs/benchmarks.md's business (the
 * same run at 500 endpoints, {@link TlsScale#main}), not a test's.
 */
class TlsScaleTest {

    @TempDir
    Path tmp;

    @Test
    void twoHundredEndpointsWithTwentyBlackholesWaitForTheBlackholesSideBySide() throws Exception {
        // the 180 handshakes, client and servers both in this JVM, take about a second of this machine's two cores,
        // and with 64 in flight at once a healthy one waits for most of the others (2 s timeouts reported healthy
        // endpoints as failed on a loaded machine): 5 s keep the test about the blackholes, not the machine's speed
        BlackholeRun run = TlsScale.run(tmp, 200, 20, Duration.ofSeconds(5), null).verify();

        // every blackhole was reached before the first one reached timed out: not one after another
        assertThat(run.spread()).isLessThan(run.timeout());
        assertThat(run.wall()).isGreaterThanOrEqualTo(run.timeout());
    }
}
