package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckRegistryTest {

    private static Check named(String id) {
        return new FakeCheck(id, context -> List.of());
    }

    @Test
    void checksAreKeptInIdOrderAndTwoWithOneIdAreRefusedByName() {
        assertThat(new CheckRegistry(List.of(named("b"), named("a"))).all()).extracting(Check::id)
                .containsExactly("a", "b");
        assertThatIllegalStateException().isThrownBy(() -> new CheckRegistry(List.of(named("a"), named("a"))))
                .withMessage("two checks share the id a: " + FakeCheck.class.getName() + " and "
                        + FakeCheck.class.getName());
    }
}
