package ai.smartcloudops.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import ai.smartcloudops.audit.finding.Finding;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md: no cycles, and each package uses only those below it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.smartcloudops.audit");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("ai.smartcloudops.audit.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachPackageUsesOnlyThoseBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("text").definedBy("..audit.text..")
                .layer("net").definedBy("..audit.net..")
                .layer("finding").definedBy("..audit.finding..")
                .layer("config").definedBy("..audit.config..")
                .layer("check").definedBy("..audit.check..")
                .layer("store").definedBy("..audit.store..")
                .layer("waiver").definedBy("..audit.waiver..")
                .layer("maintenance").definedBy("..audit.maintenance..")
                .layer("report").definedBy("..audit.report..")
                .layer("notify").definedBy("..audit.notify..")
                .layer("weekly").definedBy("..audit.weekly..")
                .layer("publish").definedBy("..audit.publish..")
                .layer("history").definedBy("..audit.history..")
                .layer("run").definedBy("..audit.run..")
                .layer("schedule").definedBy("..audit.schedule..")
                .layer("api").definedBy("..audit.api..")
                .layer("cli").definedBy("..audit.cli..")
                .layer("demo").definedBy("..audit.demo..")
                .whereLayer("text").mayNotAccessAnyLayer()
                .whereLayer("net").mayOnlyAccessLayers("text")
                .whereLayer("finding").mayOnlyAccessLayers("text")
                .whereLayer("config").mayOnlyAccessLayers("finding", "text")
                .whereLayer("check").mayOnlyAccessLayers("config", "finding", "net", "text")
                .whereLayer("store").mayOnlyAccessLayers("config", "text")
                .whereLayer("waiver").mayOnlyAccessLayers("config", "finding")
                .whereLayer("maintenance").mayOnlyAccessLayers("check", "finding")
                .whereLayer("report").mayOnlyAccessLayers("check", "finding", "maintenance", "text")
                .whereLayer("notify").mayOnlyAccessLayers("check", "finding", "net", "text")
                .whereLayer("weekly").mayOnlyAccessLayers("finding", "report", "waiver", "text")
                .whereLayer("publish").mayOnlyAccessLayers("finding", "report", "net", "text")
                .whereLayer("history").mayOnlyAccessLayers("finding")
                .whereLayer("history").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("run").mayOnlyBeAccessedByLayers("schedule", "api", "cli")
                // modules keep them apart too: the demo knows nothing of the audit, and only the workstation
                // distribution (module cli, outside these classes) starts it
                .whereLayer("demo").mayNotAccessAnyLayer()
                .whereLayer("demo").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    /**
     * A check says what problems it sees; only the engine makes findings of them, so every finding gets its severity
     * from the one policy (a check that built its own would skip severity-overrides).
     */
    @Test
    void noCheckMakesAFindingItself() {
        noClasses().that().resideInAPackage("..audit.check..").and().doNotHaveFullyQualifiedName(
                        "ai.smartcloudops.audit.check.CheckContext")
                .should().callConstructor(Finding.class, FindingCode.class, Severity.class, String.class,
                        Resource.class, String.class, String.class, Map.class, String.class, String.class,
                        String.class, String.class)
                .orShould().callMethod(Finding.class, "of", FindingCode.class, String.class, Resource.class)
                .orShould().callMethod(Finding.class, "toBuilder")
                .orShould().callMethod(Finding.class, "waive", String.class)
                .check(CLASSES);
    }

    /** The Kubernetes client stays with what reads Kubernetes: the sweep and the jobs know checks, not clients. */
    @Test
    void onlyTheKubernetesAndTlsChecksAndTheDemoUseTheKubernetesClient() {
        noClasses().that().resideOutsideOfPackages("..audit.check.kubernetes..", "..audit.check.tls..",
                        "..audit.demo..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .check(CLASSES);
    }
}
