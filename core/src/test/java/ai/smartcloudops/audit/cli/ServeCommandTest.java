package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.smartcloudops.audit.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aBadCronExpressionIsAConfigurationErrorNamingTheFileAndKey() throws Exception {
        Path config = tmp.resolve("serve.yml");
        Files.writeString(config, """
                health-audit:
                  serve:
                    schedules:
                      nightly: 30 2 * * *
                """);

        CliRun run = CliRun.of("serve", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(config + ":3: key 'health-audit.serve': "
                + "health-audit.serve.schedules.nightly: '30 2 * * *' is not a Quartz cron expression (seconds minutes hours "
                + "day-of-month month day-of-week, e.g. 0 30 2 * * ?) or off: Unexpected end of expression."
                + System.lineSeparator());
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void aBadCronExpressionFromTheEnvironmentIsAConfigurationErrorToo() {
        // an environment variable binds like a system property: neither is in the file config validate reads
        System.setProperty("health-audit.serve.schedules.hourly", "every hour");
        System.setProperty("server.port", "0");
        try {
            // bounded: were the setting accepted, serve would run until stopped
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(90),
                    () -> CliRun.of("serve", "--store", TestDatabase.newDatabase()));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("health-audit.serve.schedules.hourly: 'every hour' is not a Quartz cron "
                    + "expression");
        } finally {
            System.clearProperty("health-audit.serve.schedules.hourly");
            System.clearProperty("server.port");
        }
    }
}
