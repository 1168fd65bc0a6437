package ai.smartcloudops.audit.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-12-01T22:00Z/4h              | 2026-12-01T22:00:00Z | PT4H",
            "2026-12-01T22:00:00+01:00/PT4H    | 2026-12-01T21:00:00Z | PT4H",
            "2026-12-01T22:00Z/90m             | 2026-12-01T22:00:00Z | PT1H30M",
            "2026-12-01T22:00Z/2h30m           | 2026-12-01T22:00:00Z | PT2H30M",
            "2026-12-01T22:00:00.000Z/P1DT2H   | 2026-12-01T22:00:00Z | PT26H",
            "2026-12-01T22:00Z/4H              | 2026-12-01T22:00:00Z | PT4H"})
    void parsesAnOffsetStartAndAnIsoOrShortDuration(String text, String start, String duration) {
        MaintenanceWindow window = MaintenanceWindow.parse(text, NOW);

        assertThat(window.start()).isEqualTo(Instant.parse(start));
        assertThat(window.duration()).isEqualTo(Duration.parse(duration));
        assertThat(window.end()).isEqualTo(Instant.parse(start).plus(Duration.parse(duration)));
        assertThat(MaintenanceWindow.parse(window.toString())).isEqualTo(window);
    }

    @Test
    void aWindowUnderWayIsAcceptedOneThatEndedIsNot() {
        assertThat(MaintenanceWindow.parse("2026-11-29T10:00Z/4h", NOW).end())
                .isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-11-29T08:00Z/4h", NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--window 2026-11-29T08:00Z/4h already ended at 2026-11-29T12:00:00Z; give a window "
                        + "that ends in the future");
    }

    @Test
    void everyMalformedValueIsOneLineNamingTheOptionAndWhatIsExpected() {
        String expected = "--window expects START/DURATION, e.g. 2026-12-01T22:00Z/4h (START an ISO date-time with "
                + "offset, DURATION like PT4H, 4h, 90m or 2h30m)";
        assertThatThrownBy(() -> MaintenanceWindow.parse("", NOW)).hasMessage(expected);
        assertThatThrownBy(() -> MaintenanceWindow.parse(null, NOW)).hasMessage(expected);
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00Z", NOW))
                .hasMessage(expected + "; got '2026-12-01T22:00Z'");
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00Z/4h/1h", NOW))
                .hasMessage(expected + "; got '2026-12-01T22:00Z/4h/1h'");
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00/4h", NOW))
                .hasMessage("--window start '2026-12-01T22:00' is not an ISO date-time with an offset such as "
                        + "2026-12-01T22:00Z or 2026-12-01T22:00:00+01:00 (in '2026-12-01T22:00/4h')");
        assertThatThrownBy(() -> MaintenanceWindow.parse("tomorrow/4h", NOW))
                .hasMessageStartingWith("--window start 'tomorrow' is not an ISO date-time");
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00Z/4 hours", NOW))
                .hasMessage("--window duration '4 hours' is neither ISO (PT4H) nor short (4h, 90m, 2h30m) "
                        + "(in '2026-12-01T22:00Z/4 hours')");
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00Z/", NOW))
                .hasMessage("--window duration '' is neither ISO (PT4H) nor short (4h, 90m, 2h30m) "
                        + "(in '2026-12-01T22:00Z/')");
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00Z/0m", NOW))
                .hasMessage("--window duration '0m' must be positive (in '2026-12-01T22:00Z/0m')");
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-12-01T22:00Z/PT-1H", NOW))
                .hasMessage("--window duration 'PT-1H' must be positive (in '2026-12-01T22:00Z/PT-1H')");
    }

    @Test
    void theRecordRefusesANonPositiveDuration() {
        assertThatThrownBy(() -> new MaintenanceWindow(NOW, Duration.ZERO))
                .hasMessage("--window duration must be positive; got PT0S");
    }
}
