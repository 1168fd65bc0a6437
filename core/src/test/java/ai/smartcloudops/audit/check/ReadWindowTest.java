package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ReadWindowTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:42Z");
    private static final Instant MINUTE = Instant.parse("2026-05-01T12:00:00Z");
    private static final String UNTIL = "x.read-until";

    private static CheckContext context(Instant previous) {
        return context(previous, new Samples((target, name) -> previous != null && name.equals(UNTIL)
                ? Optional.of(new Sample(previous.getEpochSecond(), previous)) : Optional.empty()));
    }

    private static CheckContext context(Instant previous, Samples samples) {
        RunScope scope = new RunScope(2L, NOW, SeverityPolicy.DEFAULTS, new ConcurrentHashMap<>(),
                f -> Optional.empty(), samples);
        return new CheckContext(scope, "x", new Target("prod", "x"), Set.of("x"));
    }

    @Test
    void theWindowRunsFromThePreviousReadToTheMinuteOfThisRun() {
        assertThat(ReadWindow.of(context(Instant.parse("2026-05-01T11:13:00Z")), UNTIL)).isEqualTo(
                new ReadWindow(MINUTE, Duration.ofMinutes(47), "since the previous run at 2026-05-01T11:13:00Z"));
    }

    @Test
    void theWindowIsAnHourAtFirstAndKeptWithinFiveMinutesAndADay() {
        assertThat(ReadWindow.of(context(null), UNTIL)).isEqualTo(new ReadWindow(MINUTE, Duration.ofHours(1),
                "in the last 1h (no earlier run read it)"));
        assertThat(ReadWindow.of(context(MINUTE.minusSeconds(90)), UNTIL)).isEqualTo(new ReadWindow(MINUTE,
                Duration.ofMinutes(5), "in the last 5m (the previous run, at 2026-05-01T11:58:30Z, is closer)"));
        assertThat(ReadWindow.of(context(MINUTE.minus(Duration.ofDays(3))), UNTIL)).isEqualTo(new ReadWindow(
                MINUTE, Duration.ofHours(24), "in the last 1d (the previous run, at 2026-04-28T12:00:00Z, is longer "
                        + "ago)"));
        assertThat(ReadWindow.of(context(null), UNTIL).start()).isEqualTo(Instant.parse("2026-05-01T11:00:00Z"));
    }

    @Test
    void aWindowIsRememberedForTheNextRunWhereItEnds() {
        Samples samples = Samples.none();
        CheckContext context = context(null, samples);
        ReadWindow.of(context, UNTIL).remember(context, UNTIL);

        assertThat(samples.recorded()).containsExactly(Map.entry(new Sample.Key("prod", UNTIL),
                (double) MINUTE.getEpochSecond()));
    }
}
