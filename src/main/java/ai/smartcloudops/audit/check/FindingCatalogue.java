package ai.smartcloudops.audit.check;

import ai.smartcloudops.audit.finding.FindingCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/** Every registered finding code: the {@link FindingCode} enums found under the product's package. */
public final class FindingCatalogue {

    private static final List<FindingCode> ALL = scan();
    private static final Map<String, FindingCode> BY_CODE = ALL.stream()
            .collect(Collectors.toMap(FindingCode::code, Function.identity(), (a, b) -> {
                throw new IllegalStateException("finding code " + a.code() + " is registered twice");
            }));

    private FindingCatalogue() {
    }

    public static List<FindingCode> all() {
        return ALL;
    }

    public static Optional<FindingCode> find(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    private static List<FindingCode> scan() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(FindingCode.class));
        List<FindingCode> codes = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("ai.smartcloudops.audit")) {
            Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(),
                    FindingCatalogue.class.getClassLoader());
            if (type.isEnum()) {
                Arrays.stream(type.getEnumConstants()).map(FindingCode.class::cast).forEach(codes::add);
            }
        }
        codes.sort(Comparator.comparing((FindingCode c) -> c.area().ordinal()).thenComparing(FindingCode::code));
        return List.copyOf(codes);
    }
}
