package ai.smartcloudops.audit.check.kubernetes;

import ai.smartcloudops.audit.check.Problem;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One check's look at one cluster in one run: it is handed every listed object of its kinds, page by page as
 * they arrive, keeps only what it needs, and says what it found once every list is done.
 */
interface Inspection {

    void accept(HasMetadata object);

    List<Problem> problems();

    /** An inspection that judges every object of one type on its own, as it streams by. */
    static <T extends HasMetadata> Inspection each(Class<T> type, BiConsumer<T, List<Problem>> judge) {
        List<Problem> findings = new ArrayList<>();
        return new Inspection() {
            @Override
            public void accept(HasMetadata object) {
                if (type.isInstance(object)) {
                    judge.accept(type.cast(object), findings);
                }
            }

            @Override
            public List<Problem> problems() {
                return findings;
            }
        };
    }
}
