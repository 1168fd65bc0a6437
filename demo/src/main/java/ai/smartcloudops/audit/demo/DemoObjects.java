package ai.smartcloudops.audit.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/** How the demo's seeds write objects into the estate's API. */
final class DemoObjects {

    private DemoObjects() {
    }

    /** Creates the object, then writes its status: the API server keeps status apart from spec. */
    static void createWithStatus(KubernetesClient client, HasMetadata object) {
        client.resource(object).create();
        client.resource(object).updateStatus();
    }
}
