package ai.smartcloudops.audit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ServePropertiesTest {

    @Test
    void defaultsScheduleEveryJobInUtcWithTheApiOff() {
        ServeProperties serve = bind(Map.of());

        assertThat(serve.schedules()).containsExactly(Map.entry("hourly", "0 5 * * * ?"),
                Map.entry("nightly", "0 30 2 * * ?"), Map.entry("weekly-report", "0 0 7 ? * MON"),
                Map.entry("escalate", "0 */5 * * * ?"));
        assertThat(serve.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(serve.apiToken()).isNull();
        assertThat(serve.clusterCheckinInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(serve.shutdownGrace()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void aGivenScheduleReplacesItsDefaultAndOffUnschedulesAJob() {
        ServeProperties serve = bind(Map.of("health-audit.serve.schedules.nightly", "0 0 3 * * ?",
                "health-audit.serve.schedules.hourly", "off", "health-audit.serve.time-zone", "Europe/Berlin",
                "health-audit.serve.cluster-checkin-interval", "2s"));

        assertThat(serve.schedules()).containsExactly(Map.entry("nightly", "0 0 3 * * ?"),
                Map.entry("weekly-report", "0 0 7 ? * MON"), Map.entry("escalate", "0 */5 * * * ?"));
        assertThat(serve.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(serve.clusterCheckinInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aBadCronExpressionNamesItsKeyAndTheExpectedForm() {
        assertThat(bindError(Map.of("health-audit.serve.schedules.nightly", "30 2 * * *")))
                .startsWith("health-audit.serve.schedules.nightly: '30 2 * * *' is not a Quartz cron expression "
                        + "(seconds minutes hours day-of-month month day-of-week, e.g. 0 30 2 * * ?) or off");
    }

    @Test
    void anUnknownJobNamesTheScheduledJobs() {
        assertThat(bindError(Map.of("health-audit.serve.schedules.monthly", "0 0 1 1 * ?"))).isEqualTo(
                "health-audit.serve.schedules.monthly: unknown job; scheduled jobs: hourly, nightly, weekly-report, escalate");
    }

    @Test
    void anUnknownTimeZoneNamesItsKey() {
        assertThat(bindError(Map.of("health-audit.serve.time-zone", "Mars/Olympus"))).isEqualTo(
                "health-audit.serve.time-zone: 'Mars/Olympus' is not a time zone; expected a region such as "
                        + "Europe/Berlin or UTC");
    }

    @Test
    void aTooShortCheckinIntervalIsRejected() {
        assertThat(bindError(Map.of("health-audit.serve.cluster-checkin-interval", "200ms")))
                .isEqualTo("health-audit.serve.cluster-checkin-interval must be at least 1s");
    }

    @Test
    void theTokenNeverAppearsInTheRecordsText() {
        ServeProperties serve = bind(Map.of("health-audit.serve.api-token", "s3cret-value"));

        assertThat(serve.apiToken()).isEqualTo("s3cret-value");
        assertThat(serve.toString()).doesNotContain("s3cret-value").contains("apiToken=set");
    }

    private static ServeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("health-audit.serve", ServeProperties.class);
    }

    private static String bindError(Map<String, String> values) {
        Throwable error = catchThrowable(() -> bind(values));
        assertThat(error).isInstanceOf(BindException.class);
        while (error.getCause() != null) {
            error = error.getCause();
        }
        return error.getMessage();
    }
}
