package ai.smartcloudops.audit.check.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A cluster-wide list in pages (limit/continue), each object handed on as its page arrives: nothing holds more than
 * two pages of a cluster. The next page is requested while this one is judged, so the API server's answer and its
 * decoding overlap the checks' work instead of waiting for it. A list that expired mid-way (410 Gone) starts again,
 * skipping the objects already seen.
 */
public final class KubernetesPages {

    /** How often a list expired mid-way is started again before the list gives up. */
    private static final int MAX_RESTARTS = 3;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private KubernetesPages() {
    }

    public static <T extends HasMetadata> void each(
            Function<ListOptions, ? extends KubernetesResourceList<? extends T>> lister, int pageSize,
            Consumer<? super T> consumer) {
        ExecutorService fetcher = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "kubernetes-page-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Set<String> seen = new HashSet<>();
            String token = null;
            Future<? extends KubernetesResourceList<? extends T>> next = fetch(fetcher, lister, pageSize, null);
            int restarts = 0;
            while (true) {
                KubernetesResourceList<? extends T> page;
                try {
                    page = await(next);
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 410 && token != null && restarts++ < MAX_RESTARTS) {
                        token = null;
                        next = fetch(fetcher, lister, pageSize, null);
                        continue;
                    }
                    throw e;
                }
                token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
                boolean last = token == null || token.isEmpty();
                if (!last) {
                    next = fetch(fetcher, lister, pageSize, token);
                }
                for (T object : page.getItems()) {
                    String uid = object.getMetadata() == null ? null : object.getMetadata().getUid();
                    if (uid == null || seen.add(uid)) {
                        consumer.accept(object);
                    }
                }
                if (last) {
                    return;
                }
            }
        } finally {
            // a consumer that failed, or a check that timed out, leaves no request running behind it
            fetcher.shutdownNow();
        }
    }

    private static <L> Future<L> fetch(ExecutorService fetcher, Function<ListOptions, L> lister, int pageSize,
                                       String token) {
        return fetcher.submit(() -> lister.apply(new ListOptionsBuilder().withLimit((long) pageSize)
                .withContinue(token).build()));
    }

    /** The page, or the failure of its request as the list itself would have thrown it. */
    private static <L> L await(Future<L> page) {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw KubernetesClientException.launderThrowable(e.getCause());
        } catch (InterruptedException e) {
            page.cancel(true);
            throw KubernetesClientException.launderThrowable(e);
        }
    }
}
