package ai.smartcloudops.audit.text;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void controlCharactersLineSeparatorsAndBidiOverridesAreEscapedAndTheRestKept() {
        assertThat(Printable.escape("a\r\nb\tc\u001b[2Jd\u0000e\u0085f\u2028g\u202eh é ü 日本"))
                .isEqualTo("a\\r\\nb\\tc\\u001b[2Jd\\u0000e\\u0085f\\u2028g\\u202eh é ü 日本");
    }

    @Test
    void theConsoleLogWritesAMessageWithLineBreaksOnOneLineAndNoUrlSecret() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            configurator.doConfigure(getClass().getResource("/logback.xml"));
            context.getLogger("ai.smartcloudops.audit.Test").warn("check failed on {} ({})", "api\r\n12:00:00.000 "
                    + "ERROR Forged - all good\u001b[2J", "jdbc:postgresql://audit:S3cret@db/orders?password=S3cret");
        } finally {
            context.stop();
            System.setOut(console);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Test - "
                + "check failed on api\\\\r\\\\n12:00:00\\.000 ERROR Forged - all good\\\\u001b\\[2J "
                // a secret runs to the next separator or blank: masking the closing parenthesis too errs on the safe side
                + "\\(jdbc:postgresql://\\*{4}@db/orders\\?password=\\*{4}\\R");
    }
}
