package ai.smartcloudops.audit.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for a local API server (the demo estate, a synthetic cluster): one cluster, context and user. */
public final class LocalKubeconfig {

    private LocalKubeconfig() {
    }

    /** Writes the kubeconfig of {@code url} with context {@code name} to {@code file}; returns the file. */
    public static Path write(Path file, String name, String url) throws IOException {
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                current-context: %1$s
                users:
                - name: %1$s
                  user: {}
                """.formatted(name, url.replaceAll("/$", "")));
        return file;
    }
}
