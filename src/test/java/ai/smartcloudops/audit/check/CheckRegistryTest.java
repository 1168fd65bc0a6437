package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.smartcloudops.audit.finding.Area;
import ai.smartcloudops.audit.finding.FindingCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {

    /** A check that audits nothing, named {@code id}. */
    private record Named(String id) implements Check {
        @Override
        public Area area() {
            return Area.KUBERNETES;
        }

        @Override
        public List<FindingCode> areaCodes() {
            return List.of();
        }

        @Override
        public List<Target> targets() {
            return List.of();
        }

        @Override
        public List<Problem> run(CheckContext context) {
            return List.of();
        }
    }

    @Test
    void checksAreKeptInIdOrderAndTwoWithOneIdAreRefusedByName() {
        assertThat(new CheckRegistry(List.of(new Named("b"), new Named("a"))).all()).extracting(Check::id)
                .containsExactly("a", "b");
        assertThatIllegalStateException().isThrownBy(() -> new CheckRegistry(List.of(new Named("a"), new Named("a"))))
                .withMessage("two checks share the id a: " + Named.class.getName() + " and " + Named.class.getName());
    }
}
