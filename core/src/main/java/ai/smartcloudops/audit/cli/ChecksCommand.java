package ai.smartcloudops.audit.cli;

import ai.smartcloudops.audit.check.Catalogue;
import ai.smartcloudops.audit.check.CatalogueConfiguration;
import ai.smartcloudops.audit.check.FindingCatalogue;
import ai.smartcloudops.audit.run.ExitCodes;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "checks", description = "The catalogue: codes, severities, checks and schedules.",
        footerHeading = "%nExample:%n", footer = "  health-audit checks --format markdown > docs/checks.md")
final class ChecksCommand implements Callable<Integer> {

    enum Format { text, markdown }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or markdown (docs/checks.md)")
    Format format;

    @Override
    public Integer call() {
        Catalogue catalogue = new Catalogue(catalogue());
        spec.commandLine().getOut().print(format == Format.markdown ? catalogue.markdown() : catalogue.text());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The catalogue of a context of the checks alone, without store or jobs: what {@code waive} accepts too. */
    static FindingCatalogue catalogue() {
        try (ConfigurableApplicationContext context = checksOnly()) {
            return context.getBean(FindingCatalogue.class);
        }
    }

    /** A context of the checks alone, with these properties besides the defaults. */
    static ConfigurableApplicationContext checksOnly(String... properties) {
        return new SpringApplicationBuilder(CatalogueConfiguration.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).properties("spring.main.banner-mode=off", "logging.level.root=WARN")
                .properties(properties).run();
    }
}
