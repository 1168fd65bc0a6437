package ai.smartcloudops.audit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
