package ai.smartcloudops.audit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void theOuterMessageComesFirstAndTheRootCauseIsAddedWhenItSaysMore() {
        assertThat(Errors.describe(new IllegalStateException("list of widgets failed",
                new ConnectException("Connection refused"))))
                .isEqualTo("list of widgets failed (ConnectException: Connection refused)");
        assertThat(Errors.describe(new IllegalStateException("Connection refused to db:5432",
                new ConnectException("Connection refused"))))
                .isEqualTo("Connection refused to db:5432");
    }

    @Test
    void fabric8sMessageThatSaysNothingGivesWayToTheCause() {
        assertThat(Errors.describe(new KubernetesClientException("An error has occurred.",
                new ConnectException("Connection refused"))))
                .isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void oneBoundedLine() {
        assertThat(Errors.describe(new IllegalStateException("a\n  b\tc " + "x".repeat(600))))
                .startsWith("a b c x").hasSize(500).endsWith("...");
    }
}
