package ai.smartcloudops.audit.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AreaTest {

    @Test
    void aListOfAreasIsJoinedSortedAndSplitBack() {
        String ids = Area.join(List.of(Area.TLS, Area.KUBERNETES, Area.AWS));

        assertThat(ids).isEqualTo("aws,kubernetes,tls");
        assertThat(Area.split(ids)).isEqualTo(Set.of(Area.TLS, Area.KUBERNETES, Area.AWS));
        assertThat(Area.split(" postgres , ,redis ")).isEqualTo(Set.of(Area.POSTGRES, Area.REDIS));
        assertThat(Area.join(Set.of())).isEmpty();
        assertThat(Area.split("")).isEmpty();
        assertThat(Area.split(null)).isEmpty();
    }

    @Test
    void anUnknownAreaNamesTheValidOnes() {
        assertThatThrownBy(() -> Area.split("kubernetes,dns"))
                .hasMessageStartingWith("unknown area 'dns'; valid areas: kubernetes, ");
    }
}
