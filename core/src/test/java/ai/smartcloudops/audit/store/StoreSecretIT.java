package ai.smartcloudops.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.cli.JarProcess;
import ai.smartcloudops.audit.run.ExitCodes;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command line given a store URL with passwords in it prints none of them, on any stream. */
class StoreSecretIT {

    @TempDir
    Path home;

    @Test
    void anUnreachableStoreWithPasswordsInItsUrlIsOneLineWithoutThem() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ProcessBuilder builder = JarProcess.of(List.of("-Duser.home=" + home), List.of("run", "nightly", "--store",
                "jdbc:postgresql://audit:Us3rInfoSecret@127.0.0.1:" + closed
                        + "/audit?sslpassword=SslSecret&password=ParamSecret"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.FAILED);
        assertThat(output).contains("cannot reach the store (database audit on ****@127.0.0.1:" + closed + ")")
                .doesNotContain("Us3rInfoSecret", "SslSecret", "ParamSecret");
        assertThat(output.strip().lines()).hasSize(1);
    }
}
