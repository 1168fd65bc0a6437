package ai.smartcloudops.audit.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Counts;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.report.ReportModel;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The email's trend picture, decoded as a mail client decodes it. */
class TrendPngTest {

    private final TrendPng png = new TrendPng();

    @Test
    void thirtyRunsAreOnePictureOfTheBoundedSizeWithTheirColumns() throws IOException {
        BufferedImage image = decode(png.render(trend(30, Map.of(Severity.P2, 5))));

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(pixels(image, WeeklyEmail.color(Severity.P2))).as("30 columns of P2").isGreaterThan(2000);
        assertThat(pixels(image, "#1f2933")).as("the score's line").isGreaterThan(500);
    }

    /** One run still draws its point and column; without findings only the legend shows the severities' colours. */
    @Test
    void oneRunIsOneColumnAndNoFindingsAreNoColumns() throws IOException {
        BufferedImage one = decode(png.render(trend(1, Map.of(Severity.P2, 5))));
        BufferedImage clean = decode(png.render(trend(1, Map.of())));

        assertThat(one.getWidth()).isEqualTo(640);
        assertThat(one.getHeight()).isEqualTo(240);
        assertThat(pixels(clean, WeeklyEmail.color(Severity.P2))).as("the legend's swatch").isBetween(1, 200);
        assertThat(pixels(one, WeeklyEmail.color(Severity.P2))).isGreaterThan(pixels(clean,
                WeeklyEmail.color(Severity.P2)) + 500);
    }

    private static List<ReportModel.TrendPoint> trend(int runs, Map<Severity, Integer> counts) {
        Instant start = Instant.parse("2026-11-01T02:00:00Z");
        return IntStream.range(0, runs).mapToObj(i -> new ReportModel.TrendPoint(100 + i,
                start.plusSeconds(i * 86_400L), 60 + i, new Counts(counts))).toList();
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("a PNG ImageIO decodes").isNotNull();
        return image;
    }

    private static int pixels(BufferedImage image, String hex) {
        int rgb = Color.decode(hex).getRGB();
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                n += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
