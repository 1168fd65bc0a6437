package ai.smartcloudops.audit.check.kubernetes;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;

/**
 * The floor of the Kubernetes sweep benchmark: a bare paged LIST and decode of the same kinds with fabric8 and
 * nothing else. {@code KUBECONFIG_FILE [PAGE]}; prints the objects decoded per kind.
 */
public final class BareListBenchmark {

    private BareListBenchmark() {
    }

    public static void main(String[] args) {
        int page = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, new File(args[0]))).build()) {
            for (Kind kind : Kind.values()) {
                long objects = 0;
                String token = null;
                do {
                    var list = kind.list(client, new ListOptionsBuilder().withLimit((long) page).withContinue(token)
                            .build());
                    objects += list.getItems().size();
                    token = list.getMetadata().getContinue();
                } while (token != null && !token.isEmpty());
                System.out.println(kind.qualified() + " " + objects);
            }
        }
    }
}
