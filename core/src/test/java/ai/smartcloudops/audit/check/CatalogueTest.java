package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Keeps the catalogue honest: every code unique, well-formed, owned by a check and documented. */
class CatalogueTest {

    private static final Path DOC = Path.of("docs", "checks.md");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*", Pattern.MULTILINE);
    private static AnnotationConfigApplicationContext context;
    private static List<Check> checks;
    private static FindingCatalogue catalogue;

    @BeforeAll
    static void checks() {
        context = new AnnotationConfigApplicationContext(CatalogueConfiguration.class);
        checks = context.getBean(CheckRegistry.class).all();
        catalogue = context.getBean(FindingCatalogue.class);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void everyCodeIsUniqueAndNamedAfterItsArea() {
        List<FindingCode> codes = catalogue.all();
        assertThat(codes).extracting(FindingCode::code).doesNotHaveDuplicates();
        assertThat(codes).allSatisfy(c -> {
            assertThat(c.code()).matches(c.area().prefix() + "-[1-9][0-9]{2}");
            assertThat(c.title()).isNotBlank();
            assertThat(c.detail()).isNotBlank();
            assertThat(c.remediation()).isNotBlank();
            assertThat(c.runbook()).isNotBlank();
        });
        assertThat(codes).filteredOn(c -> c.area() == Area.AUDIT).extracting(FindingCode::code)
                .allMatch(code -> code.startsWith("AUDIT-9"));
    }

    /**
     * A command names the audited resource, a name from configuration, or a variable its comment explains: never
     * the guide's application (smartcloudops-api, smartcloudops-config, its Ingress, Secret, labels, namespace).
     * Only the monitoring stack keeps the guide's namespace, under a comment that says so.
     */
    @Test
    void noRemediationCommandHardCodesTheGuidesApplication() {
        assertThat(catalogue.all()).allSatisfy(c -> {
            String commands = COMMENT.matcher(c.remediation()).replaceAll("");
            assertThat(commands).as(c.code()).doesNotContain("smartcloudops-api").doesNotContain("smartcloudops-config")
                    .doesNotContainPattern("smartcloudops(?!-monitoring)");
        });
    }

    @Test
    void everyCodeIsOwnedByACheckAndEveryCheckOwnsACode() {
        Set<String> ids = checks.stream().map(Check::id).collect(Collectors.toSet());
        assertThat(catalogue.all()).allSatisfy(c -> assertThat(c.owner())
                .as("owner of %s", c.code()).isIn(union(ids, AuditCode.SWEEP)));
        assertThat(checks).allSatisfy(check -> {
            assertThat(catalogue.ownedBy(check.id())).as("codes of %s", check.id()).isNotEmpty();
            assertThat(catalogue.ownedBy(check.id())).as("area of %s", check.id())
                    .allMatch(code -> code.area() == check.area());
            // the weekly report audits nothing: a check that took part would run with no estate to read
            assertThat(check.schedules()).as("jobs of %s", check.id()).isNotEmpty()
                    .isSubsetOf(Schedule.AUDITS);
        });
    }

    @Test
    void everyCodeIsDocumentedAndTheDocumentIsCurrent() throws Exception {
        String generated = new Catalogue(catalogue).markdown();
        assertThat(catalogue.all()).allSatisfy(c -> assertThat(generated).contains("### " + c.code() + " "));
        assertThat(Files.readString(DOC))
                .as("docs/checks.md is stale: regenerate it with "
                        + "java -jar target/health-audit.jar checks --format markdown > docs/checks.md")
                .isEqualTo(generated);
    }

    private static Set<String> union(Set<String> ids, String extra) {
        Set<String> all = new java.util.HashSet<>(ids);
        all.add(extra);
        return all;
    }
}
