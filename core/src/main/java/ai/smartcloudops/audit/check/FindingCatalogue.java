package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.FindingCode;
import ai.smartcloudops.audit.finding.FindingCodes;
import ai.smartcloudops.audit.finding.Schedule;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Every finding code: the sweep's own ({@link AuditCode}) and the code enum of the area of each check bean, so a
 * new area's codes are in the catalogue once its first check is a bean.
 */
@Component
public class FindingCatalogue implements FindingCodes {

    private final List<FindingCode> all;
    private final Map<String, FindingCode> byCode;
    private final Map<String, Check> checks;

    public FindingCatalogue(CheckRegistry registry) {
        this.all = Stream.concat(Stream.of(AuditCode.values()),
                        registry.all().stream().flatMap(check -> check.areaCodes().stream()))
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream()
                .sorted(Comparator.comparing((FindingCode c) -> c.area().ordinal()).thenComparing(FindingCode::code))
                .toList();
        this.byCode = all.stream().collect(Collectors.toMap(FindingCode::code, Function.identity(), (a, b) -> {
            throw new IllegalStateException("finding code " + a.code() + " is registered twice");
        }));
        this.checks = registry.all().stream().collect(Collectors.toMap(Check::id, Function.identity()));
    }

    /** By area, then code. */
    public List<FindingCode> all() {
        return all;
    }

    @Override
    public Optional<FindingCode> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * Why {@code code}, given where codes are named (a waiver, an override), is no code of the catalogue; empty when
     * it is one, or {@code *} where any code may be named.
     */
    public Optional<String> unknown(String code, boolean anyCodeAllowed) {
        if ((anyCodeAllowed && "*".equals(code)) || find(code).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("unknown code '" + code + "'; `health-audit checks` lists the catalogue");
    }

    /** The codes a check raises. */
    public List<FindingCode> ownedBy(String checkId) {
        return all.stream().filter(c -> c.owner().equals(checkId)).toList();
    }

    /** The jobs that can raise a code: its check's schedules, or all of them for the sweep's own codes. */
    public Set<Schedule> schedules(FindingCode code) {
        Check owner = checks.get(code.owner());
        return owner == null ? EnumSet.copyOf(Schedule.AUDITS) : owner.schedules();
    }
}
