package ai.smartcloudops.audit.check.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A cluster-wide list in pages (limit/continue), each object handed on as its page arrives: nothing holds a
 * whole cluster. A list that expired mid-way (410 Gone) starts again, skipping the objects already seen.
 */
public final class KubernetesPages {

    /** How often a list expired mid-way is started again before the list gives up. */
    private static final int MAX_RESTARTS = 3;

    private KubernetesPages() {
    }

    public static <T extends HasMetadata> void each(
            Function<ListOptions, ? extends KubernetesResourceList<? extends T>> lister, int pageSize,
            Consumer<? super T> consumer) {
        Set<String> seen = new HashSet<>();
        String token = null;
        int restarts = 0;
        while (true) {
            KubernetesResourceList<? extends T> page;
            try {
                page = lister.apply(new ListOptionsBuilder().withLimit((long) pageSize).withContinue(token).build());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 410 && token != null && restarts++ < MAX_RESTARTS) {
                    token = null;
                    continue;
                }
                throw e;
            }
            for (T object : page.getItems()) {
                String uid = object.getMetadata() == null ? null : object.getMetadata().getUid();
                if (uid == null || seen.add(uid)) {
                    consumer.accept(object);
                }
            }
            token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
            if (token == null || token.isEmpty()) {
                return;
            }
        }
    }
}
