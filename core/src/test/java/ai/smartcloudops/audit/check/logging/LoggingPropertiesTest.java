package ai.smartcloudops.audit.check.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoggingPropertiesTest {

    private static LoggingProperties.Elasticsearch cluster(String indexDateFormat) {
        return new LoggingProperties.Elasticsearch("logs", "https://es.smartcloudops.local:9200", null, null, null,
                null, null, null, null, "smartcloudops-logs-", indexDateFormat, null, null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yyyy.MM.dd HH", "yyyy-MM-dd'T'HH:mm", "bogus {", ""})
    void anIndexDateFormatThatCannotNameADaysIndexIsRefusedByKey(String pattern) {
        assertThatIllegalArgumentException().isThrownBy(() -> cluster(pattern))
                .withMessageStartingWith("health-audit.logging.elasticsearch[logs].index-date-format: '" + pattern
                        + "' is not a date pattern: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yyyy.MM.dd", "yyyyMMdd", "yyyy.ww"})
    void aDatePatternNamesTheDaysIndex(String pattern) {
        assertThat(EsIngestionCheck.index(cluster(pattern), LocalDate.of(2026, 12, 7)))
                .startsWith("smartcloudops-logs-2026");
    }
}
