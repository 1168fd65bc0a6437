package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.smartcloudops.audit.check.redis.RedisCode;
import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.Fingerprint;
import ai.smartcloudops.audit.finding.Grade;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.finding.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every finding's severity comes from the one policy: an override holds for every code, at every grade. */
class SeverityPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T02:30:00Z");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(?:(?:sql|sqlstr):)?([a-zA-Z][a-zA-Z0-9_]*)}");
    private static final Resource RESOURCE = new Resource("Thing", "ns", "thing");
    private static final Target TARGET = new Target("prod", "test");

    static Stream<FindingCode> codes() {
        return TestCatalogue.get().all().stream();
    }

    @ParameterizedTest
    @MethodSource("codes")
    void anOverrideOfTheCodeIsTheSeverityOfEveryGradeOfIt(FindingCode code) {
        Map<String, Object> facts = facts(code);
        for (String grade : Stream.concat(Stream.of(Grade.DEFAULT), code.grades().stream().map(Grade::name))
                .toList()) {
            Severity declared = code.severity(grade);
            assertThat(context(SeverityPolicy.DEFAULTS, Optional.empty()).finding(Problem.graded(code, grade, RESOURCE, facts))
                    .severity()).as("%s at %s", code.code(), grade).isEqualTo(declared);
            // an override to a severity the grade does not have: the finding shows the override
            Severity other = declared == Severity.P3 ? Severity.P0 : Severity.P3;
            SeverityPolicy policy = new SeverityPolicy(Map.of(code.code(), other));
            assertThat(context(policy, Optional.empty()).finding(Problem.graded(code, grade, RESOURCE, facts)).severity())
                    .as("%s at %s overridden", code.code(), grade).isEqualTo(other);
        }
    }

    @Test
    void anOverriddenLadderStillDecidesWhetherThereIsAFindingAndTheOverrideItsSeverity() {
        Ladder memory = Ladder.rising(2, new Ladder.Band(90, Grade.DEFAULT),
                new Ladder.Band(100, "at or above memory-critical-percent"));
        SeverityPolicy pinned = new SeverityPolicy(Map.of("REDIS-102", Severity.P3));
        FindingCode code = RedisCode.REDIS_102;

        assertThat(context(pinned, Optional.empty()).grade(code, RESOURCE, memory, 89)).isEmpty();
        // an open finding (at the pinned P3) just under the first edge holds, as it would without the override
        assertThat(context(pinned, Optional.of(Severity.P3)).grade(code, RESOURCE, memory, 89))
                .contains(Grade.DEFAULT);
        String critical = context(pinned, Optional.empty()).grade(code, RESOURCE, memory, 100).orElseThrow();
        assertThat(context(pinned, Optional.empty()).finding(Problem.graded(code, critical, RESOURCE, facts(code))).severity())
                .isEqualTo(Severity.P3);
        // without it the critical band is the code's P1, held at 99 % once open at P1
        assertThat(context(SeverityPolicy.DEFAULTS, Optional.of(Severity.P1)).grade(code, RESOURCE, memory, 99))
                .contains(critical);
        assertThat(context(SeverityPolicy.DEFAULTS, Optional.of(Severity.P1)).grade(code, RESOURCE, memory, 97))
                .contains(Grade.DEFAULT);
    }

    @Test
    void aGradeTheCodeDoesNotHaveIsABugNamedWithTheGradesItHas() {
        FindingCode code = RedisCode.REDIS_102;
        assertThatThrownBy(() -> context(SeverityPolicy.DEFAULTS, Optional.empty())
                .finding(Problem.graded(code, "nearly full", RESOURCE, facts(code))))
                .hasMessage("REDIS-102 has no grade 'nearly full': it has default, at or above memory-critical-percent");
        Ladder upsideDown = Ladder.rising(2, new Ladder.Band(90, "at or above memory-critical-percent"),
                new Ladder.Band(100, Grade.DEFAULT));
        assertThatThrownBy(() -> context(SeverityPolicy.DEFAULTS, Optional.empty())
                .grade(code, RESOURCE, upsideDown, 95))
                .hasMessageStartingWith("REDIS-102: a ladder's grades must worsen band by band");
    }

    /** A value for every placeholder of the code's templates. */
    private static Map<String, Object> facts(FindingCode code) {
        Map<String, Object> facts = new HashMap<>();
        Matcher m = PLACEHOLDER.matcher(code.title() + code.detail() + code.remediation());
        while (m.find()) {
            facts.put(m.group(1), m.group(1));
        }
        return facts;
    }

    private static CheckContext context(SeverityPolicy policy, Optional<Severity> open) {
        String fingerprint = Fingerprint.of("REDIS-102", TARGET.name(), RESOURCE);
        return new CheckContext(new RunScope(1L, NOW, policy, new ConcurrentHashMap<>(), f -> Optional.empty(),
                Samples.none(), f -> f.equals(fingerprint) ? open : Optional.empty()), "test", TARGET,
                Set.of("test"));
    }
}
