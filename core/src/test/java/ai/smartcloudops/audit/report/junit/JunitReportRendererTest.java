package ai.smartcloudops.audit.report.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.finding.RunStatus;
import ai.smartcloudops.audit.maintenance.Gate;
import ai.smartcloudops.audit.maintenance.MaintenanceWindow;
import ai.smartcloudops.audit.maintenance.Verdict;
import ai.smartcloudops.audit.report.ReportFixtures;
import ai.smartcloudops.audit.report.ReportModel;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** junit.xml parsed back with the JDK's XML parser: one testcase per gate, a failure per failing gate. */
class JunitReportRendererTest {

    private static final MaintenanceWindow WINDOW = MaintenanceWindow.parse("2026-12-01T22:00Z/4h");
    private static final String HOSTILE = "K8S-303 Deployment/<app>&\"co\" on 'prod'\nnext";

    private static ReportModel model(Verdict verdict) {
        ReportModel base = ReportFixtures.model();
        ReportModel.Run run = new ReportModel.Run(42, "pre-maintenance", "cli", ReportFixtures.STARTED,
                ReportFixtures.FINISHED, RunStatus.COMPLETED, base.run().score(), base.run().grade());
        return new ReportModel(run, base.findings(), base.resolved(), base.coverage(), null, base.trend(), verdict);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void oneTestcasePerGateAndAFailureForEachFailingGateWithItsDetailEscaped(@TempDir Path dir) throws Exception {
        Verdict verdict = new Verdict(WINDOW, List.of(new Gate("no open P0 or P1 finding", true, "none open"),
                new Gate("critical deployments <ready> & \"disruptable\"", false, HOSTILE),
                new Gate("Elasticsearch green", false, "LOG-102 ElasticsearchCluster/logging on logging")));
        Path file = dir.resolve("junit.xml");

        new JunitReportRenderer().render(model(verdict), file);

        Document xml = parse(Files.readString(file));
        Element suite = xml.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("pre-maintenance");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("time")).isEqualTo("205.0");
        NodeList properties = xml.getElementsByTagName("property");
        List<String> props = new ArrayList<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            props.add(p.getAttribute("name") + "=" + p.getAttribute("value"));
        }
        assertThat(props).containsExactly("run=42", "window=2026-12-01T22:00:00Z/PT4H", "verdict=NO-GO");
        NodeList cases = xml.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            names.add(testcase.getAttribute("name"));
            NodeList failure = testcase.getElementsByTagName("failure");
            if (failure.getLength() == 1) {
                Element f = (Element) failure.item(0);
                assertThat(f.getTextContent()).isEqualTo(f.getAttribute("message"));
                failures.add(f.getAttribute("message"));
            } else {
                assertThat(failure.getLength()).isZero();
                assertThat(testcase.getElementsByTagName("system-out").item(0).getTextContent())
                        .isEqualTo("none open");
            }
        }
        assertThat(names).containsExactly("no open P0 or P1 finding", "critical deployments <ready> & \"disruptable\"",
                "Elasticsearch green");
        assertThat(failures).containsExactly(HOSTILE, "LOG-102 ElasticsearchCluster/logging on logging");
    }

    @Test
    void aGoVerdictHasNoFailure() throws Exception {
        Verdict verdict = new Verdict(WINDOW, List.of(new Gate("no node NotReady", true, "checked on prod-eks")));

        Document xml = parse(JunitReportRenderer.xml(model(verdict)));

        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void controlCharactersXmlCannotCarryAreReplaced() throws Exception {
        Verdict verdict = new Verdict(WINDOW, List.of(new Gate("gate", false, "bell\u0007 tab\t")));

        Document xml = parse(JunitReportRenderer.xml(model(verdict)));

        assertThat(((Element) xml.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("bell\uFFFD tab\t");
    }

    @Test
    void aRunOfAnotherJobIsRefused() {
        assertThatThrownBy(() -> JunitReportRenderer.xml(ReportFixtures.model()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("junit is written for pre-maintenance runs only; run " + ReportFixtures.model().run().id()
                        + " is a nightly run");
        ReportModel.Run failed = new ReportModel.Run(9, "pre-maintenance", "cli", Instant.EPOCH, null,
                RunStatus.FAILED, 0, "F");
        assertThat(JunitReportRenderer.refusal(failed)).isEqualTo("junit is written for pre-maintenance runs only; "
                + "run 9 is a pre-maintenance run without a verdict (status FAILED)");
    }
}
