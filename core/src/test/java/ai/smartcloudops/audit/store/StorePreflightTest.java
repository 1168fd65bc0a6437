package ai.smartcloudops.audit.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class StorePreflightTest {

    @Test
    void anUnreachableStoreIsNamedWithoutItsPasswords() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> StorePreflight.check("jdbc:postgresql://audit:Us3rInfoSecret@127.0.0.1:" + closed
                + "/audit?sslpassword=SslSecret&password=ParamSecret", null, "PropertySecret"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("cannot reach the store (database audit on ****@127.0.0.1:" + closed + "): ")
                .hasMessageNotContainingAny("Us3rInfoSecret", "SslSecret", "ParamSecret", "PropertySecret");
    }
}
