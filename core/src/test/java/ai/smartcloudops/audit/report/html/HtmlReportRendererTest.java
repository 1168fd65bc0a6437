package ai.smartcloudops.audit.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.smartcloudops.audit.check.kubernetes.KubernetesCode;
import ai.smartcloudops.audit.finding.Coverage;
import ai.smartcloudops.audit.finding.CoverageStatus;
import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingState;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import ai.smartcloudops.audit.finding.TrackedFinding;
import ai.smartcloudops.audit.report.ReportFixtures;
import ai.smartcloudops.audit.report.ReportModel;
import ai.smartcloudops.audit.report.SyntheticReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportRendererTest {

    @TempDir
    Path dir;

    private final HtmlReportRenderer renderer = new HtmlReportRenderer();
    private String html;

    @BeforeEach
    void render() throws IOException {
        html = render(ReportFixtures.model(), "report.html");
    }

    private String render(ai.smartcloudops.audit.report.ReportModel model, String name) throws IOException {
        Path file = dir.resolve(name);
        renderer.render(model, file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void formatAndFileName() {
        assertThat(renderer.format()).isEqualTo("html");
        assertThat(renderer.fileName()).isEqualTo("report.html");
    }

    @Test
    void hostileTextIsEscaped() {
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .contains("&quot;quotes&quot; &amp; &lt;b&gt;")
                .doesNotContain(ReportFixtures.HOSTILE_DETAIL)
                .contains("=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)")
                .doesNotContain(ReportFixtures.HOSTILE_EVIDENCE)
                .contains("+cmd|&#39; /C calc&#39;!A0");
    }

    @Test
    void aPreMaintenanceRunShowsItsVerdictFailingGatesFirstEscaped() throws IOException {
        String page = render(ReportFixtures.preMaintenance(), "pre-maintenance.html");

        assertThat(page).contains("<a href=\"#verdict\">Verdict</a>")
                .contains("<h2>Pre-maintenance verdict: <span class=\"status-bad\">NO-GO</span></h2>")
                .contains("Maintenance window 2025-03-15T22:00:00Z/PT4H")
                .doesNotContain("<script>alert");
        assertThat(page.indexOf("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td class=\"status-bad\">FAIL</td>"
                + "<td>=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)</td>"))
                .isPositive()
                .isLessThan(page.indexOf("<td>no node NotReady</td><td class=\"status-ok\">PASS</td>"
                        + "<td>checked on prod-eks</td>"));
        assertThat(html).doesNotContain("id=\"verdict\"").doesNotContain("href=\"#verdict\"");
    }

    @Test
    void pageIsSelfContained() {
        Pattern fetch = Pattern.compile("(?i)\\b(src|href|xlink:href|action|srcset|poster|data)\\s*=\\s*[\"']?\\s*"
                + "(https?:)?//");
        assertThat(fetch.matcher(html).find()).as("no src/href to another host").isFalse();
        assertThat(html.toLowerCase()).doesNotContain("<link")
                .doesNotContain("<img").doesNotContain("<iframe").doesNotContain("@import")
                .doesNotContain("url(").doesNotContain("@font-face");
        assertThat(Pattern.compile("(?i)<script").matcher(html).results().count()).as("only the filter's script")
                .isEqualTo(1);
        assertThat(html).contains("\n<script>\n(function () {");
        assertThat(html).contains("<style>").contains("<svg class=\"chart\"");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).as("only in-page links").startsWith("#");
        }
    }

    @Test
    void theFilterScriptIsTheOnlyOneAllowedAndItsBoxIsHiddenWithoutIt() throws NoSuchAlgorithmException {
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(script.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
                + hash + "'\"");
        assertThat(html).contains("<input id=\"filter\" type=\"search\" hidden");
    }

    @Test
    void headerShowsTheRun() {
        assertThat(html).contains("<b>Run</b> 42").contains("<b>Job</b> nightly").contains("<b>Trigger</b> schedule")
                .contains("<b>Started</b> 2025-03-14 02:00:00 UTC")
                .contains("<b>Finished</b> 2025-03-14 02:03:25 UTC (3m 25s)")
                .contains(">COMPLETED</span>");
    }

    @Test
    void scoreGradeAndChangeSinceThePreviousRun() {
        assertThat(html).contains("<span class=\"value\">61</span>")
                .contains("<span class=\"grade grade-c\">C</span>")
                .contains("\u221225 since the previous run (86)");
    }

    /** Every finding names its team; one that is due says when, and the regressed P2 past it is marked overdue. */
    @Test
    void teamsAndDueTimesAreShownAndTheOverdueMarked() {
        assertThat(html).contains("· team platform · due 2025-03-14 02:15:00 UTC</div>")
                .contains("<td>database · due 2025-03-13 06:00:00 UTC <span class=\"overdue\">overdue</span></td>")
                .contains("<td>database</td>");
        assertThat(html.split("class=\"overdue\">", -1)).hasSize(2);
    }

    @Test
    void countsBySeverityAndState() {
        for (String severity : List.of("P0", "P1", "P2", "P3")) {
            assertThat(html).contains(severity + "<span class=\"n\">1</span>");
        }
        assertThat(html).contains("new<span class=\"n\">1</span>").contains("persisting<span class=\"n\">2</span>")
                .contains("regressed<span class=\"n\">1</span>").contains("resolved<span class=\"n\">1</span>");
    }

    @Test
    void everyCodeIsShown() {
        for (String code : List.of("K8S-101", "K8S-201", "PG-201", "PG-301", "K8S-202")) {
            assertThat(html).contains(code);
        }
    }

    @Test
    void p0AndP1ComeFirstAsCards() {
        String attention = section("attention");
        assertThat(attention).contains("<article class=\"card sev-p0\">").contains("<article class=\"card sev-p1\">")
                .contains("K8S-101").contains("K8S-201").doesNotContain("PG-201").doesNotContain("PG-301");
        assertThat(attention.indexOf("K8S-101")).isLessThan(attention.indexOf("K8S-201"));
        assertThat(html.indexOf("id=\"attention\"")).isLessThan(html.indexOf("id=\"area-kubernetes\""));
    }

    @Test
    void aLongRemediationLineWrapsInsteadOfRunningOffThePage() {
        Matcher rule = Pattern.compile("\\bpre \\{([^}]*)}").matcher(html);
        assertThat(rule.find()).as("a style rule for the remediation block").isTrue();
        // pre-wrap keeps the script's lines and breaks long ones; anywhere breaks an ARN or a jq filter too
        assertThat(rule.group(1)).contains("white-space: pre-wrap;").contains("overflow-wrap: anywhere;");
        assertThat(html).contains("<pre>kubectl describe node");
    }

    @Test
    void perAreaTablesWithEvidenceAndRemediation() {
        String kubernetes = section("area-kubernetes");
        assertThat(kubernetes).contains("<h2>Kubernetes").contains("K8S-101").contains("K8S-201")
                .doesNotContain("PG-201").contains("<span class=\"state state-new\">new</span>")
                .contains("<span class=\"k\">status</span>=<span class=\"v\">False</span>")
                .contains("<pre>kubectl describe node ip-10-0-1-12.ec2.internal\nkubectl drain");
        String postgres = section("area-postgres");
        assertThat(postgres).contains("<h2>PostgreSQL").contains("PG-201").contains("PG-301")
                .contains("<span class=\"state state-regressed\">regressed</span>")
                .contains("Table/public/+cmd")
                .contains("<pre>-rf / --no-preserve-root\nkubectl get pods</pre>")
                .doesNotContain("K8S-");
        assertThat(html.indexOf("id=\"area-kubernetes\"")).isLessThan(html.indexOf("id=\"area-postgres\""));
    }

    @Test
    void aSmallRunShowsEveryGroupOpenByCodeAndSeverity() {
        assertThat(section("area-kubernetes"))
                .contains("<details class=\"group\" id=\"g-kubernetes-k8s-101-p0\" open>")
                .contains("K8S-101<span class=\"n\">1</span> <span class=\"muted\">1 new</span></summary>");
        assertThat(section("area-postgres")).contains("<details class=\"group\" id=\"g-postgres-pg-301-p3\" open>");
        assertThat(html).doesNotContain("Showing ").doesNotContain("<ul class=\"groups\">");
    }

    @Test
    void aLargeRunOpensOnlyP0AndP1GroupsAndSaysWhatItLeavesOut() throws IOException {
        ReportModel large = SyntheticReport.model(6_000, 60);
        html = render(large, "large.html");

        String attention = section("attention");
        assertThat(Pattern.compile("<article ").matcher(attention).results().count()).isEqualTo(50);
        assertThat(attention).contains("<ul class=\"groups\">")
                .contains("Showing 50 of " + large.findings().stream()
                        .filter(i -> i.finding().severity().atLeast(Severity.P1)).count());
        Matcher closed = Pattern.compile("<details class=\"group\" id=\"[^\"]+\">\\s*<summary><span class=\"badge "
                + "(sev-p\\d)\"").matcher(html);
        List<String> closedSeverities = new ArrayList<>();
        while (closed.find()) {
            closedSeverities.add(closed.group(1));
        }
        assertThat(closedSeverities).isNotEmpty().allMatch(s -> s.equals("sev-p2") || s.equals("sev-p3"));
        assertThat(html).containsPattern("<details class=\"group\" id=\"g-[a-z0-9-]+-p0\" open>")
                .containsPattern("Showing 20 of \\d+ findings of [A-Z0-9-]+ at P3 in ");
    }

    @Test
    void resolvedFindingsAreListed() {
        assertThat(section("resolved")).contains("K8S-202").contains("Pod/checkout/worker-5c6d-abcde")
                .contains("2025-03-12 02:00:00 UTC");
    }

    @Test
    void coverageShowsWhatWasNotCheckedAndWhy() {
        String coverage = section("coverage");
        assertThat(coverage).contains("What was not checked and why:</b> 1 of 4 checks")
                .contains("<li>postgres.replication on orders-db-replica: error, "
                        + ReportFixtures.COVERAGE_ERROR_REASON + "</li>");
        Matcher missed = Pattern.compile("<tr class=\"miss\">(.*?)</tr>", Pattern.DOTALL).matcher(coverage);
        assertThat(missed.find()).isTrue();
        assertThat(missed.group(1)).contains("postgres.replication").contains(">error<").contains("3.001s")
                .contains(ReportFixtures.COVERAGE_ERROR_REASON);
        assertThat(missed.find()).as("only the row that did not run is highlighted").isFalse();
        assertThat(coverage).contains("<td>kubernetes.nodes</td>").contains("812ms");
    }

    /** The summary's trend: the score's line and points over each run's P0, P1 and P2 stacked, one tooltip per run. */
    @Test
    void trendIsAnInlineSvgOfTheScoreOverTheUrgentCounts() throws Exception {
        Element svg = chart("trend", "Score and P0, P1, P2 findings of the last 3 runs of nightly");

        List<Element> runs = descendants(svg, "g");
        assertThat(runs).extracting(g -> descendants(g, "title").get(0).getTextContent()).containsExactly(
                "run 40, 2025-03-12 02:00:00 UTC: score 83, 0 P0, 1 P1, 2 P2",
                "run 41, 2025-03-13 02:00:00 UTC: score 86, 0 P0, 1 P1, 1 P2",
                "run 42, 2025-03-14 02:00:00 UTC: score 61, 1 P0, 1 P1, 1 P2");
        assertThat(runs).extracting(g -> descendants(g, "rect").stream().map(r -> r.getAttribute("class")).toList())
                .containsExactly(List.of("sev-p1", "sev-p2"), List.of("sev-p1", "sev-p2"),
                        List.of("sev-p0", "sev-p1", "sev-p2"));
        assertThat(descendants(svg, "polyline").get(0).getAttribute("points").split(" ")).hasSize(3);
        assertThat(descendants(svg, "circle")).extracting(c -> c.getAttribute("class")).containsExactly("", "",
                "current");
        // a panel of the summary, beside the score: above the P0 and P1 cards, not after them
        assertThat(html.indexOf("<div class=\"panel\" id=\"trend\">")).isGreaterThan(html.indexOf(
                "<section class=\"summary\">")).isLessThan(html.indexOf("<section id=\"attention\">"));
    }

    @Test
    void findingsByAreaAreOneStackedBarPerAreaBelowTheCards() throws Exception {
        Element svg = chart("by-area", "Findings by severity in each area");

        List<Element> bars = descendants(svg, "g");
        assertThat(bars).extracting(g -> descendants(g, "text").get(0).getTextContent(),
                g -> descendants(g, "text").get(1).getTextContent()).containsExactly(tuple("Kubernetes", "2"),
                tuple("PostgreSQL", "2"));
        assertThat(descendants(bars.get(1), "rect")).extracting(r -> r.getAttribute("class"),
                r -> descendants(r, "title").get(0).getTextContent()).containsExactly(
                tuple("sev-p2", "PostgreSQL, P2: 1 finding on orders-db"),
                tuple("sev-p3", "PostgreSQL, P3: 1 finding on orders-db"));
        assertThat(html.indexOf("<section id=\"by-area\">")).isGreaterThan(html.indexOf("<section id=\"attention\">"));
    }

    /** A target's name is text in the chart whatever it holds: escaped by the template, read back verbatim. */
    @Test
    void aHostileTargetIsEscapedInTheAreaChart() throws Exception {
        String hostile = "<script>alert(1)</script> \"a\" & b\r\nc";
        ReportModel base = ReportFixtures.model();
        List<TrackedFinding> findings = new ArrayList<>(base.findings());
        findings.add(new TrackedFinding(Finding.of(KubernetesCode.K8S_101, hostile, Resource.of("Node", "n1"))
                .severity(Severity.P0).title("t").checkId("kubernetes.nodes").build(), FindingState.NEW,
                ReportFixtures.STARTED));
        html = render(new ReportModel(base.run(), findings, base.resolved(), base.coverage(), base.previousScore(),
                base.trend()), "hostile.html");

        assertThat(html).contains("<title>Kubernetes, P0: 2 findings on &lt;script&gt;alert(1)&lt;/script&gt; "
                + "&quot;a&quot; &amp; b\r\nc, prod-eks</title>");
        Element p0 = descendants(descendants(svg("by-area"), "g").get(0), "rect").get(0);
        // an XML parser reads the CR LF as one LF
        assertThat(descendants(p0, "title").get(0).getTextContent())
                .isEqualTo("Kubernetes, P0: 2 findings on <script>alert(1)</script> \"a\" & b\nc, prod-eks");
    }

    @Test
    void severityColoursAreTheAgreedOnes() {
        assertThat(html).contains("--p0: #7f1d1d").contains("--p1: #d9480f").contains("--p2: #e8a317")
                .contains("--p3: #5f7a99");
    }

    @Test
    void firstRunOfACleanEstate() throws IOException {
        String empty = render(ReportFixtures.empty(), "empty.html");
        assertThat(empty).contains("first run of this job").contains("No P0 or P1 findings in this run.")
                .contains("Nothing found in this run.").contains("Nothing was resolved since the last run.")
                .contains("No coverage was recorded").contains("<b>Finished</b> not finished")
                .doesNotContain("<svg").doesNotContain("href=\"#trend\"").doesNotContain("href=\"#by-area\"");
    }

    @Test
    void templateNeverTurnsEscapingOff() throws IOException {
        try (InputStream in = HtmlReportRenderer.class.getResourceAsStream("/reports/templates/report.ftlh")) {
            assertThat(in).as("template packaged under reports/templates").isNotNull();
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(template).doesNotContain("?no_esc").doesNotContain("<#noautoesc")
                    .doesNotContain("?markup_string").doesNotContain("outputformat");
        }
    }

    @Test
    void partialAndNotConfiguredChecksAreCountedAndListedWithWhy() throws IOException {
        ReportModel base = ReportFixtures.model();
        List<Coverage> coverage = new ArrayList<>(base.coverage());
        coverage.add(new Coverage("postgres.sequences", "orders-db", CoverageStatus.PARTIAL, 40, 0,
                "needs GRANT SELECT ON the sequences, or pg_read_all_data: last_value of 1 sequence (shop.order_seq)"));
        coverage.add(new Coverage("postgres.pool", "orders-db", CoverageStatus.NOT_CONFIGURED, 0, 0,
                "no pool gauges configured (health-audit.postgres.databases[].pool)"));
        html = render(new ReportModel(base.run(), base.findings(), base.resolved(), coverage, base.previousScore(),
                base.trend()), "coverage.html");

        assertThat(section("coverage"))
                .contains("What was not checked and why:</b> 3 of 6 checks (check on target) did not run in full (1 "
                        + "error, 1 not configured, 1 partial).</p>")
                .contains("<li>postgres.pool on orders-db: not configured, no pool gauges configured "
                        + "(health-audit.postgres.databases[].pool)</li>")
                .contains("<li>postgres.sequences on orders-db: partial, needs GRANT SELECT ON the sequences, or "
                        + "pg_read_all_data: last_value of 1 sequence (shop.order_seq)</li>")
                .contains("<tr class=\"miss\"><td>postgres.sequences</td><td class=\"tgt\">orders-db</td>"
                        + "<td class=\"status\">partial</td>");
    }

    /** The page's SVG in the element of that id, parsed as XML: it must be well-formed whatever the data held. */
    private Element svg(String id) throws Exception {
        int start = html.indexOf("<svg ", html.indexOf("id=\"" + id + "\""));
        String svg = html.substring(start, html.indexOf("</svg>", start) + "</svg>".length());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg))).getDocumentElement();
    }

    /** The elements of that name under {@code parent}, at any depth, in document order. */
    private static List<Element> descendants(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** The chart's SVG, after checking that it is an image whose accessible name is {@code title}. */
    private Element chart(String id, String title) throws Exception {
        Element svg = svg(id);
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        String titleId = svg.getAttribute("aria-labelledby");
        assertThat(descendants(svg, "title")).filteredOn(e -> titleId.equals(e.getAttribute("id")))
                .singleElement().satisfies(e -> assertThat(e.getTextContent()).isEqualTo(title));
        return svg;
    }

    /** From {@code <section id="id"} to its {@code </section>}. */
    private String section(String id) {
        int start = html.indexOf("<section id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
