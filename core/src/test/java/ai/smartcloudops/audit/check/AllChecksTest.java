package ai.smartcloudops.audit.check;

import static org.assertj.core.api.Assertions.assertThat;

import ai.smartcloudops.audit.finding.Area;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What holds for every check the registry has, so that a new check cannot slip past it: a test class, only final
 * fields, its thresholds in the shipped configuration with their defaults, and no hand-kept list of its area.
 */
class AllChecksTest {

    private static final Path TESTS = Path.of("core", "src", "test", "java");
    private static final Path CONFIGURATION = Path.of("config", "health-audit.yml");

    /** Checks tested beside their siblings, by the test class that covers them (any other: {@code <Check>Test}). */
    private static final Map<String, String> TESTED_BY = Map.ofEntries(
            Map.entry("Ec2StatusCheck", "Ec2ChecksTest"),
            Map.entry("Ec2NodegroupInstancesCheck", "Ec2ChecksTest"),
            Map.entry("EksClusterCheck", "EksChecksTest"),
            Map.entry("EksNodegroupCheck", "EksChecksTest"),
            Map.entry("ElbTargetHealthCheck", "ElbChecksTest"),
            Map.entry("ElbHealthCheckPathCheck", "ElbChecksTest"),
            Map.entry("ElastiCacheMetricsCheck", "ElastiCacheCheckTest"),
            Map.entry("RdsMetricsCheck", "RdsInstancesCheckTest"),
            Map.entry("EsDiskCheck", "EsDiskAndHeapCheckTest"),
            Map.entry("EsHeapCheck", "EsDiskAndHeapCheckTest"),
            Map.entry("FluentdBufferCheck", "FluentdChecksTest"),
            Map.entry("FluentdFlushCheck", "FluentdChecksTest"),
            Map.entry("FluentdRetryCheck", "FluentdChecksTest"),
            Map.entry("LogSecurityCheck", "LogContentChecksTest"),
            Map.entry("LogErrorsCheck", "LogContentChecksTest"),
            Map.entry("DuplicateIndexesCheck", "IndexHygieneChecksTest"),
            Map.entry("InvalidConstraintsCheck", "IndexHygieneChecksTest"),
            Map.entry("MissingIndexesCheck", "IndexHygieneChecksTest"),
            Map.entry("GrowthCheck", "GrowthAndBloatChecksTest"),
            Map.entry("IndexBloatCheck", "GrowthAndBloatChecksTest"));

    @Test
    void everyCheckHasATestClass() {
        assertThat(TESTED_BY.keySet()).as("checks in the mapping")
                .isSubsetOf(checkClasses().stream().map(Class::getSimpleName).toList());
        assertThat(AllChecks.registered()).allSatisfy(check -> {
            Class<? extends Check> type = AllChecks.typeOf(check);
            String test = TESTED_BY.getOrDefault(type.getSimpleName(), type.getSimpleName() + "Test");
            Path source = TESTS.resolve(type.getPackageName().replace('.', '/')).resolve(test + ".java");
            assertThat(source).as("the test class of %s", type.getSimpleName()).isRegularFile();
            assertThat(Files.readString(source)).as("%s names %s or its id", test, type.getSimpleName())
                    .containsPattern("\\b" + type.getSimpleName() + "\\b|" + Pattern.quote(check.id()) + "\\b");
        });
    }

    /** Checks are shared beans that the sweep runs on several targets at once: no state may change under them. */
    @Test
    void everyFieldOfEveryCheckIsFinal() {
        Set<String> mutable = new TreeSet<>();
        for (Class<?> check : checkClasses()) {
            for (Class<?> type = check; type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!field.isSynthetic() && !Modifier.isFinal(field.getModifiers())) {
                        mutable.add(type.getName() + "." + field.getName());
                    }
                }
            }
        }
        assertThat(mutable).as("fields that are not final").isEmpty();
    }

    /**
     * config/health-audit.yml holds every key of the checks' configuration, each at the default the record gives it
     * (a key without a fixed default, such as one the SDK chooses, as a commented-out example). Lists of targets are
     * examples in comments: their entries have no defaults.
     */
    @Test
    void everyThresholdIsInTheShippedConfigurationWithItsDefault() throws IOException {
        List<String> lines = Files.readAllLines(CONFIGURATION);
        Binder shipped = new Binder(ConfigurationPropertySources.from(
                new YamlPropertySourceLoader().load("shipped", new FileSystemResource(CONFIGURATION)).get(0)));
        Binder empty = new Binder(new MapConfigurationPropertySource(Map.of()));
        Map<String, Class<?>> roots = propertiesRecords();
        assertThat(roots).as("the checks' configuration records").isNotEmpty();
        SoftAssertions.assertSoftly(softly -> roots.forEach((prefix, type) -> {
            softly.assertThat(keys(prefix, type)).as("keys of %s missing from %s", prefix, CONFIGURATION)
                    .filteredOn(key -> !written(lines, key)).isEmpty();
            softly.assertThat(shipped.bindOrCreate(prefix, type)).as("%s as shipped", prefix)
                    .usingRecursiveComparison().isEqualTo(empty.bindOrCreate(prefix, type));
        }));
    }

    /**
     * A test that runs every check of an area takes them from {@link AllChecks}, never from a list of its own that a
     * new check would miss: no statement builds every check of an area (of three or more) by hand.
     */
    @Test
    void noTestListsEveryCheckOfAnAreaByHand() throws IOException {
        Map<Area, List<String>> areas = new TreeMap<>();
        AllChecks.classes().forEach((area, checks) -> {
            if (checks.size() > 2) {
                areas.put(area, checks.stream().map(Class::getSimpleName).toList());
            }
        });
        List<String> handLists = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String statement : Files.readString(file).split("[;{}]")) {
                    areas.forEach((area, names) -> {
                        if (names.stream().allMatch(name -> statement.contains("new " + name + "("))) {
                            handLists.add(file + " lists every " + area + " check");
                        }
                    });
                }
            }
        }
        assertThat(handLists).isEmpty();
    }

    /**
     * Whether the file has the key, or a commented-out example of it ({@code # retry-delay: 100ms}), in its parent's
     * section: each part of the key at its depth (two spaces a level) below the part before it.
     */
    private static boolean written(List<String> lines, String key) {
        String[] parts = key.split("\\.");
        int from = 0;
        int to = lines.size();
        for (int depth = 0; depth < parts.length; depth++) {
            String indent = " ".repeat(2 * depth);
            Pattern part = Pattern.compile(indent + (depth == parts.length - 1 ? "(# )?" : "")
                    + Pattern.quote(parts[depth]) + ":.*");
            int at = from;
            while (at < to && !part.matcher(lines.get(at)).matches()) {
                at++;
            }
            if (at == to) {
                return false;
            }
            from = at + 1;
            to = from;
            while (to < lines.size() && (lines.get(to).isBlank() || lines.get(to).startsWith(indent + " "))) {
                to++;
            }
        }
        return true;
    }

    private static Collection<Class<? extends Check>> checkClasses() {
        return AllChecks.classes().values().stream().flatMap(List::stream).toList();
    }

    /** The check packages' configuration records, by prefix. */
    private static Map<String, Class<?>> propertiesRecords() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, Class<?>> roots = new TreeMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(Check.class.getPackageName())) {
            Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(), null);
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            roots.put(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
        }
        return roots;
    }

    /** Every key of a record, nested records walked into; a list of records is a list of targets, not a key. */
    private static List<String> keys(String prefix, Class<?> record) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + keyOf(record, component);
            if (component.getType().isRecord()) {
                keys.addAll(keys(key, component.getType()));
            } else if (!listOfRecords(component.getGenericType())) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static boolean listOfRecords(Type type) {
        return type instanceof ParameterizedType list && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord();
    }

    /** The component's key as the binder reads it: its {@link Name}, or its name in kebab-case. */
    private static String keyOf(Class<?> record, RecordComponent component) {
        try {
            Name name = record.getDeclaredField(component.getName()).getAnnotation(Name.class);
            if (name != null) {
                return name.value();
            }
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        return component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
