package ai.smartcloudops.audit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.Severity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The guide's P3, due the next business day, in the calendar's zone, past weekends and holidays. */
class BusinessCalendarTest {

    private static final NotifyProperties.Calendar BERLIN = new NotifyProperties.Calendar("Europe/Berlin", null,
            List.of(LocalDate.parse("2026-12-28")), null);

    @Test
    void aFindingOpenedOnFridayIsDueMondayAtTheEndOfTheDayInTheCalendarsZone() {
        // Friday 22:30 UTC is already Saturday in Berlin: the next business day is still Monday
        assertThat(BERLIN.nextBusinessDay(Instant.parse("2026-12-04T22:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(BERLIN.nextBusinessDay(Instant.parse("2026-12-07T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-08T16:00:00Z"));
        // in summer Berlin is UTC+2
        assertThat(BERLIN.nextBusinessDay(Instant.parse("2026-07-01T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-07-02T15:00:00Z"));
    }

    @Test
    void holidaysAndDaysOffAreSkipped() {
        // Saturday the 26th: Sunday is off, Monday the 28th a holiday
        assertThat(BERLIN.nextBusinessDay(Instant.parse("2026-12-26T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-29T16:00:00Z"));
        NotifyProperties.Calendar sundayToThursday = new NotifyProperties.Calendar("Asia/Dubai",
                List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY), null, LocalTime.of(18, 0));
        assertThat(sundayToThursday.nextBusinessDay(Instant.parse("2026-12-03T10:00:00Z")))   // Thursday
                .isEqualTo(Instant.parse("2026-12-06T14:00:00Z"));                              // Sunday 18:00
    }

    @Test
    void theEscalationPolicyDuesP3TheNextBusinessDayAndTheOthersAfterTheirResponseTime() {
        NotifyProperties properties = new NotifyProperties(null, null, null, null, null, null, null, null, null,
                BERLIN);
        EscalationPolicy policy = new EscalationPolicy(properties, List.of());
        Instant friday = Instant.parse("2026-12-04T10:00:00Z");

        assertThat(policy.due(Severity.P3, friday)).isEqualTo(Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(policy.due(Severity.P1, friday)).isEqualTo(Instant.parse("2026-12-04T11:00:00Z"));
        assertThat(policy.responseTime(Severity.P3)).isEqualTo("the next business day");
        assertThat(policy.responseTime(Severity.P0)).isEqualTo("15m");
    }

    @Test
    void aCalendarThatCannotBeIsAnErrorNamingItsKey() {
        assertThatThrownBy(() -> new NotifyProperties.Calendar("Mars/Olympus", null, null, null))
                .hasMessage("health-audit.notify.calendar.time-zone: 'Mars/Olympus' is not a time zone; expected a "
                        + "region such as Europe/Berlin or UTC");
        assertThatThrownBy(() -> new NotifyProperties.Calendar(null, List.of(), null, null))
                .hasMessage("health-audit.notify.calendar.working-days needs at least one day");
    }
}
