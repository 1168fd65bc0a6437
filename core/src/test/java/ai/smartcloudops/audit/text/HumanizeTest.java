package ai.smartcloudops.audit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanizeTest {

    @Test
    void durationShowsTheTwoLargestUnitsAndLeavesOutAZeroSecond() {
        assertThat(Humanize.duration(Duration.ofDays(2).plusHours(3).plusMinutes(59))).isEqualTo("2d 3h");
        assertThat(Humanize.duration(Duration.ofHours(51))).isEqualTo("2d 3h");
        assertThat(Humanize.duration(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Humanize.duration(Duration.ofDays(1).plusMinutes(5))).isEqualTo("1d");
        assertThat(Humanize.duration(Duration.ofHours(5).plusMinutes(12).plusSeconds(40))).isEqualTo("5h 12m");
        assertThat(Humanize.duration(Duration.ofMinutes(51))).isEqualTo("51m");
        assertThat(Humanize.duration(Duration.ofSeconds(252))).isEqualTo("4m 12s");
        assertThat(Humanize.duration(Duration.ofSeconds(60))).isEqualTo("1m");
    }

    @Test
    void underAMinuteTheSecondsToTheMillisecondUnderASecondTheMillisecondsAndThenTheMicroseconds() {
        assertThat(Humanize.duration(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(Humanize.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Humanize.duration(Duration.ofMillis(2001))).isEqualTo("2.001s");
        assertThat(Humanize.duration(Duration.ofMillis(59_999).plusNanos(999_999))).isEqualTo("59.999s");
        assertThat(Humanize.duration(Duration.ofMillis(1000))).isEqualTo("1s");
        assertThat(Humanize.duration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Humanize.duration(Duration.ofMillis(999).plusNanos(990_000))).isEqualTo("999.9ms");
        assertThat(Humanize.duration(Duration.ofNanos(12_345_678))).isEqualTo("12.3ms");
        assertThat(Humanize.duration(Duration.ofNanos(400_999))).isEqualTo("400µs");
        assertThat(Humanize.duration(Duration.ofNanos(1))).isEqualTo("0µs");
    }

    @Test
    void zeroAndNegativeDurations() {
        assertThat(Humanize.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(Humanize.duration(Duration.ofMinutes(-5))).isEqualTo("-5m");
        assertThat(Humanize.duration(Duration.ofHours(-51))).isEqualTo("-2d 3h");
        assertThat(Humanize.duration(Duration.ofMillis(-250))).isEqualTo("-250ms");
        assertThat(Humanize.duration(Duration.ofNanos(-1))).as("too small to show: no sign").isEqualTo("0µs");
        assertThat(Humanize.duration(Duration.ofNanos(-1500))).isEqualTo("-1µs");
    }

    @Test
    void hugeDurationsDoNotOverflow() {
        assertThat(Humanize.duration(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
                .isEqualTo("106751991167300d 15h");
        assertThat(Humanize.duration(Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo("-106751991167300d 15h");
        assertThat(Humanize.seconds(1e18)).isEqualTo("11574074074074d 1h");
    }

    @Test
    void secondsAndMillisReadAsDurations() {
        assertThat(Humanize.seconds(0)).isEqualTo("0s");
        assertThat(Humanize.seconds(0.1234)).isEqualTo("123.4ms");
        assertThat(Humanize.seconds(125.7)).isEqualTo("2m 5s");
        assertThat(Humanize.seconds(-3)).isEqualTo("-3s");
        assertThat(Humanize.millis(20)).isEqualTo("20ms");
        assertThat(Humanize.millis(1234.5)).isEqualTo("1.234s");
        assertThat(Humanize.millis(0.05)).isEqualTo("50µs");
        assertThat(Humanize.seconds(Double.NaN)).isEqualTo(Humanize.UNKNOWN);
        assertThat(Humanize.millis(Double.POSITIVE_INFINITY)).isEqualTo(Humanize.UNKNOWN);
    }

    @Test
    void bytesInTheLargestBinaryUnitToATenth() {
        assertThat(Humanize.bytes(0)).isEqualTo("0 B");
        assertThat(Humanize.bytes(512)).isEqualTo("512 B");
        assertThat(Humanize.bytes(1023.4)).isEqualTo("1023 B");
        assertThat(Humanize.bytes(1024)).isEqualTo("1 KiB");
        assertThat(Humanize.bytes(1.5 * 1024 * 1024 * 1024)).isEqualTo("1.5 GiB");
        assertThat(Humanize.bytes(100L * 1024 * 1024)).isEqualTo("100 MiB");
        assertThat(Humanize.bytes(45.25 * 1024 * 1024 * 1024)).isEqualTo("45.3 GiB");
        assertThat(Humanize.bytes(0.4)).isEqualTo("0 B");
    }

    @Test
    void bytesThatRoundUpToTheNextUnitShowInIt() {
        assertThat(Humanize.bytes(1023.6)).isEqualTo("1 KiB");
        assertThat(Humanize.bytes(1024 * 1024 - 1)).isEqualTo("1 MiB");
    }

    @Test
    void negativeAndHugeBytes() {
        assertThat(Humanize.bytes(-1536)).isEqualTo("-1.5 KiB");
        assertThat(Humanize.bytes(-0.2)).isEqualTo("0 B");
        assertThat(Humanize.bytes(Long.MAX_VALUE)).isEqualTo("8 EiB");
        assertThat(Humanize.bytes(Math.pow(1024, 7))).as("past the largest unit").isEqualTo("1024 EiB");
        assertThat(Humanize.bytes(Double.NaN)).isEqualTo(Humanize.UNKNOWN);
    }

    @Test
    void percentToATenth() {
        assertThat(Humanize.percent(91.34)).isEqualTo("91.3%");
        assertThat(Humanize.percent(91.35)).isEqualTo("91.4%");
        assertThat(Humanize.percent(90)).isEqualTo("90%");
        assertThat(Humanize.percent(0)).isEqualTo("0%");
        assertThat(Humanize.percent(0.04)).isEqualTo("0%");
        assertThat(Humanize.percent(-0.04)).isEqualTo("0%");
        assertThat(Humanize.percent(-12.5)).isEqualTo("-12.5%");
        assertThat(Humanize.percent(150)).isEqualTo("150%");
        assertThat(Humanize.percent(1e12)).isEqualTo("1000000000000%");
        assertThat(Humanize.percent(Double.NaN)).isEqualTo(Humanize.UNKNOWN);
        assertThat(Humanize.percent(Double.NEGATIVE_INFINITY)).isEqualTo(Humanize.UNKNOWN);
    }
}
