package ai.smartcloudops.audit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void startsInTheDirectoryWithItsFaultsAndTheArgumentsThatReachIt() throws Exception {
        try (DemoDatabase demo = DemoDatabase.start(dir.resolve("pg"))) {
            String url = demo.properties().stream().filter(p -> p.contains(".url=")).findFirst().orElseThrow()
                    .split("=", 2)[1];
            assertThat(demo.properties()).contains("--health-audit.postgres.databases[0].name=smartcloudops-db",
                    "--health-audit.postgres.databases[0].thresholds.lock-wait=0s");
            assertThat(dir.resolve("pg").resolve("PG_VERSION")).exists();
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_index WHERE NOT indisvalid")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
