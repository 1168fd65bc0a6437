package ai.smartcloudops.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.smartcloudops.audit.report.excel.ExcelReportRenderer;
import ai.smartcloudops.audit.report.html.HtmlReportRenderer;
import ai.smartcloudops.audit.report.json.JsonReportRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class ReportWriterTest {

    private static final List<String> ALL_FILES = List.of("findings.json", "report.html", "report.xlsx");

    @TempDir
    Path out;

    private final ReportWriter writer = new ReportWriter(List.of(new HtmlReportRenderer(), new ExcelReportRenderer(),
            new JsonReportRenderer()));

    @Test
    void writesTheRunDirectoryAndACopyAsLatest() throws IOException {
        Path runDir = writer.write(ReportFixtures.model(), out);

        assertThat(runDir).isEqualTo(out.resolve("42"));
        assertThat(names(runDir)).containsExactlyElementsOf(ALL_FILES);
        assertThat(names(out.resolve("latest"))).containsExactlyElementsOf(ALL_FILES);
        for (String file : ALL_FILES) {
            assertThat(Files.size(runDir.resolve(file))).as(file).isPositive();
            assertThat(Files.mismatch(runDir.resolve(file), out.resolve("latest").resolve(file))).as(file)
                    .isEqualTo(-1L);
        }
        assertThat(Files.isSymbolicLink(out.resolve("latest"))).isFalse();
        assertThat(names(out)).containsExactly("42", "latest");
    }

    @Test
    void aSecondWriteReplacesLatest() throws IOException {
        writer.write(ReportFixtures.model(), out);
        Files.writeString(out.resolve("latest").resolve("stale.txt"), "from an older run");

        Path second = writer.write(run(43), out);

        assertThat(second).isEqualTo(out.resolve("43"));
        assertThat(names(out.resolve("latest"))).containsExactlyElementsOf(ALL_FILES);
        assertThat(Files.readString(out.resolve("latest").resolve("findings.json"))).contains("\"id\" : 43");
        assertThat(Files.readString(out.resolve("42").resolve("findings.json"))).contains("\"id\" : 42");
        assertThat(names(out)).as("no staging or retired directory is left").containsExactly("42", "43", "latest");
    }

    @Test
    void rewritingTheSameRunReplacesItsFiles() throws IOException {
        writer.write(ReportFixtures.model(), out, Set.of("json"));
        Files.writeString(out.resolve("42").resolve("findings.json"), "broken");
        writer.write(ReportFixtures.model(), out, Set.of("json"));
        assertThat(Files.readString(out.resolve("42").resolve("findings.json"))).startsWith("{");
        assertThat(names(out.resolve("42"))).containsExactly("findings.json");
    }

    @Test
    void formatsCanBeRestricted() throws IOException {
        Path runDir = writer.write(ReportFixtures.model(), out, Set.of("json", "HTML"));
        assertThat(names(runDir)).containsExactly("findings.json", "report.html");
        assertThat(names(out.resolve("latest"))).containsExactly("findings.json", "report.html");
    }

    @Test
    void unknownFormatNamesTheValidOnesAndWritesNothing() {
        assertThatThrownBy(() -> writer.write(ReportFixtures.model(), out, Set.of("json", "pdf")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pdf'").hasMessageContaining("html, json, xlsx");
        assertThatThrownBy(() -> writer.write(ReportFixtures.model(), out, Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("html, json, xlsx");
        assertThat(out.resolve("42")).doesNotExist();
        assertThat(writer.formats()).containsExactly("html", "json", "xlsx");
    }

    @Test
    void latestIsNotTouchedWhileTheRunIsRendered() throws IOException {
        writer.write(ReportFixtures.model(), out);
        List<List<String>> seen = new ArrayList<>();
        ReportRenderer watcher = new FakeRenderer("txt", "watch.txt") {
            @Override
            public void render(ReportModel model, Path file) throws IOException {
                seen.add(names(out.resolve("latest")));
                super.render(model, file);
            }
        };
        ReportWriter watched = new ReportWriter(List.of(new JsonReportRenderer(), watcher));
        watched.write(run(43), out);
        assertThat(seen).containsExactly(ALL_FILES);
        assertThat(names(out.resolve("latest"))).containsExactly("findings.json", "watch.txt");
    }

    @Test
    void formatsAreRenderedSideBySide() throws IOException {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor renders one format at a time");
        CountDownLatch both = new CountDownLatch(2);
        class Meeting extends FakeRenderer {
            Meeting(String format) {
                super(format, format + ".txt");
            }

            @Override
            public void render(ReportModel model, Path file) throws IOException {
                both.countDown();
                try {
                    // one after the other, the first would wait here alone
                    assertThat(both.await(10, TimeUnit.SECONDS)).as("the other format renders meanwhile").isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                super.render(model, file);
            }
        }
        new ReportWriter(List.of(new Meeting("a"), new Meeting("b"))).write(run(43), out);
        assertThat(names(out.resolve("latest"))).containsExactly("a.txt", "b.txt");
    }

    @Test
    void aFailingRendererLeavesLatestAsItWasAndNoPartialFiles() throws IOException {
        writer.write(ReportFixtures.model(), out);
        ReportRenderer broken = new FakeRenderer("bad", "bad.txt") {
            @Override
            public void render(ReportModel model, Path file) throws IOException {
                Files.writeString(file, "half");
                throw new IOException("disk full");
            }
        };
        ReportWriter failing = new ReportWriter(List.of(new JsonReportRenderer(), broken));

        assertThatThrownBy(() -> failing.write(run(43), out)).isInstanceOf(IOException.class)
                .hasMessageContaining("bad").hasMessageContaining("43").hasMessageContaining("disk full");

        assertThat(names(out.resolve("43"))).as("the other formats are still written").containsExactly("findings.json");
        assertThat(names(out.resolve("latest"))).containsExactlyElementsOf(ALL_FILES);
        assertThat(Files.readString(out.resolve("latest").resolve("findings.json"))).contains("\"id\" : 42");
    }

    @Test
    void rejectsTwoRenderersForOneFormatOrFile() {
        assertThatThrownBy(() -> new ReportWriter(List.of(new JsonReportRenderer(), new JsonReportRenderer())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("json");
        assertThatThrownBy(() -> new ReportWriter(List.of(new FakeRenderer("a", "x.txt"), new FakeRenderer("b", "x.txt"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.txt");
        assertThatThrownBy(() -> new ReportWriter(List.of(new FakeRenderer("a", "../x.txt"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain file name");
    }

    @Test
    void springWiresEveryRendererIntoTheWriter() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.scan("ai.smartcloudops.audit.report.html", "ai.smartcloudops.audit.report.excel",
                    "ai.smartcloudops.audit.report.json");
            context.register(ReportWriter.class);
            context.refresh();
            assertThat(context.getBean(ReportWriter.class).formats()).containsExactly("html", "json", "xlsx");
        }
    }

    private static ReportModel run(long id) {
        ReportModel base = ReportFixtures.model();
        ReportModel.Run r = base.run();
        return new ReportModel(new ReportModel.Run(id, r.job(), r.trigger(), r.startedAt(), r.finishedAt(),
                r.status(), r.score(), r.grade()), base.findings(), base.resolved(), base.coverage(),
                base.previousScore(), base.trend());
    }

    private static List<String> names(Path dir) throws IOException {
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.map(p -> p.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll));
        }
    }

    private static class FakeRenderer implements ReportRenderer {
        private final String format;
        private final String fileName;

        FakeRenderer(String format, String fileName) {
            this.format = format;
            this.fileName = fileName;
        }

        @Override
        public String format() {
            return format;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public void render(ReportModel model, Path file) throws IOException {
            Files.writeString(file, "run " + model.run().id());
        }
    }
}
