package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartTest {

    private static final Gap GAP = new Gap("the RDS instances", "rds:DescribeDBInstances",
            "allow rds:DescribeDBInstances");
    private static final IllegalStateException BROKEN = new IllegalStateException("an answer the SDK cannot read");
    private static final CheckSkippedException UNREACHABLE = CheckSkippedException.unreachable("prod",
            "connect timed out", null);

    @Test
    void eachStateHoldsOnlyItsOwn() {
        assertThat(Part.of("answer")).extracting(Part::value, Part::gap, Part::failure)
                .containsExactly("answer", null, null);
        assertThat(Part.refused(GAP)).extracting(Part::value, Part::gap, Part::failure)
                .containsExactly(null, GAP, null);
        assertThat(Part.failed(BROKEN)).extracting(Part::value, Part::gap, Part::failure)
                .containsExactly(null, null, BROKEN);
        assertThat(Part.unread()).extracting(Part::value, Part::gap, Part::failure)
                .containsExactly(null, null, null);
    }

    @Test
    void aPartIsNeverTwoStatesAtOnce() {
        assertThatThrownBy(() -> new Part<>("answer", GAP, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Part<>("answer", null, BROKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Part<>(null, GAP, BROKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Part.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void listsAndMapsAreCopiedAndKeepTheirOrder() {
        List<String> list = new ArrayList<>(List.of("b", "a"));
        Map<String, Integer> map = new LinkedHashMap<>(Map.of("z", 1));
        map.put("a", 2);
        Part<List<String>> listPart = Part.of(list);
        Part<Map<String, Integer>> mapPart = Part.of(map);
        list.add("c");
        map.put("c", 3);

        assertThat(listPart.value()).containsExactly("b", "a");
        assertThat(mapPart.value()).containsExactly(Map.entry("z", 1), Map.entry("a", 2));
        assertThatThrownBy(() -> listPart.value().add("d")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mapPart.value().put("d", 4)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aReadKeepsARefusalAsTheGapAndAFailureAsItsOwnButASkipEndsTheRead() {
        assertThat(Part.read(() -> "answer")).isEqualTo(Part.of("answer"));
        assertThat(Part.<String>read(() -> {
            throw new NotPermittedException(GAP);
        })).isEqualTo(Part.refused(GAP));
        assertThat(Part.<String>read(() -> {
            throw BROKEN;
        })).isEqualTo(Part.failed(BROKEN));
        assertThatThrownBy(() -> Part.<String>read(() -> {
            throw UNREACHABLE;
        })).isSameAs(UNREACHABLE);
    }

    @Test
    void thenReadsFromTheValueAndPassesOnAnyOtherState() {
        assertThat(Part.of("answer").then(String::length)).isEqualTo(Part.of(6));
        assertThat(Part.<String>refused(GAP).then(String::length)).isEqualTo(Part.refused(GAP));
        assertThat(Part.<String>failed(BROKEN).then(String::length)).isEqualTo(Part.failed(BROKEN));
        assertThat(Part.<String>unread().then(String::length)).isEqualTo(Part.unread());
        // the dependent read fails on its own, as a first read does
        assertThat(Part.of("answer").then(v -> {
            throw new NotPermittedException(GAP);
        })).isEqualTo(Part.refused(GAP));
        assertThat(Part.of("answer").then(v -> {
            throw BROKEN;
        })).isEqualTo(Part.failed(BROKEN));
        assertThatThrownBy(() -> Part.of("answer").then(v -> {
            throw UNREACHABLE;
        })).isSameAs(UNREACHABLE);
    }

    @Test
    void aCheckGetsTheValueOfAPartThatWasRead() {
        CheckContext context = context();

        assertThat(Part.of("answer").in(context)).contains("answer");
        assertThat(Part.of("answer").get(context)).isEqualTo("answer");
        assertThat(context.gaps()).isEmpty();
    }

    @Test
    void aRefusedPartMakesTheCheckPartialWithNoValue() {
        CheckContext context = context();

        assertThat(Part.refused(GAP).in(context)).isEmpty();
        assertThat(context.gaps()).containsExactly(GAP);
        assertThatThrownBy(() -> Part.refused(GAP).get(context)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aws.rds");
    }

    @Test
    void aFailedPartFailsTheCheckAndASkipStaysASkip() {
        CheckContext context = context();

        assertThatThrownBy(() -> Part.failed(BROKEN).in(context)).isSameAs(BROKEN);
        assertThatThrownBy(() -> Part.failed(BROKEN).get(context)).isSameAs(BROKEN);
        assertThatThrownBy(() -> Part.failed(UNREACHABLE).in(context)).isSameAs(UNREACHABLE);
        assertThatThrownBy(() -> Part.failed(UNREACHABLE).get(context)).isSameAs(UNREACHABLE);
        assertThat(context.gaps()).isEmpty();
    }

    @Test
    void anUnreadPartIsAMistakeNamingTheCheck() {
        CheckContext context = context();

        assertThatThrownBy(() -> Part.unread().in(context)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no check of aws.rds's run needed this part");
        assertThatThrownBy(() -> Part.unread().get(context)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no check of aws.rds's run needed this part");
    }

    private static CheckContext context() {
        return new CheckContext(RunScope.first(1, Instant.parse("2026-12-07T02:00:00Z")), "aws.rds",
                new Target("prod/eu-west-1", "aws"), Set.of("aws.rds"));
    }
}
