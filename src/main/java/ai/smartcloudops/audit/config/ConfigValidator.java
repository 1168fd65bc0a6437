package ai.smartcloudops.audit.config;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Validates a configuration file against the {@code health-audit.*} properties records: YAML syntax, unknown
 * keys (naming the valid ones), and values the records reject. Every problem names the file, line and key.
 */
public final class ConfigValidator {

    /** Top-level keys that belong to Spring Boot and are passed through unchecked. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of("spring", "logging", "management", "server");
    private static final String ROOT = "health-audit";
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)(?:-\\s+)?([A-Za-z0-9_.\\-\\[\\]]+)\\s*:");

    /** One problem: file, 1-based line, the full key, and what was expected. */
    public record Problem(Path file, int line, String key, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + (key.isEmpty() ? "" : "key '" + key + "': ") + message;
        }
    }

    private final Map<String, Class<?>> roots;

    public ConfigValidator() {
        this.roots = propertiesRecords();
    }

    public List<Problem> validate(Path file) throws IOException {
        List<Problem> problems = new ArrayList<>();
        Node document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            problems.add(new Problem(file, line, keyBefore(file, line), "malformed YAML: " + problem));
            return problems;
        }
        if (document == null) {
            return problems;
        }
        if (!(document instanceof MappingNode top)) {
            problems.add(new Problem(file, line(document), "", "expected a mapping of keys at the top level"));
            return problems;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : top.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (ROOT.equals(key)) {
                checkRecord(file, ROOT, tuple.getValueNode(), rootSchema(), problems, flat, lines);
            } else if (!FRAMEWORK_KEYS.contains(key)) {
                problems.add(new Problem(file, line(tuple.getKeyNode()), key, "unknown top-level key; valid keys: "
                        + ROOT + ", " + String.join(", ", new java.util.TreeSet<>(FRAMEWORK_KEYS))));
            }
        }
        bind(file, flat, lines, problems);
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return problems;
    }

    /** The keys directly under health-audit: the audit's own record plus one record per area prefix. */
    private Map<String, Type> rootSchema() {
        Map<String, Type> schema = new TreeMap<>(components(AuditProperties.class));
        roots.forEach((prefix, type) -> {
            if (prefix.startsWith(ROOT + ".")) {
                schema.put(prefix.substring(ROOT.length() + 1), type);
            }
        });
        return schema;
    }

    private void checkRecord(Path file, String path, Node node, Map<String, Type> schema, List<Problem> problems,
                             Map<String, Object> flat, Map<String, Integer> lines) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(new Problem(file, line(node), path, "expected a mapping with keys "
                    + String.join(", ", schema.keySet())));
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode());
            String full = path + "." + key;
            Type type = schema.get(key);
            if (type == null) {
                problems.add(new Problem(file, line(tuple.getKeyNode()), full, "unknown key; valid keys under "
                        + path + ": " + String.join(", ", schema.keySet())));
                continue;
            }
            checkValue(file, full, tuple.getValueNode(), type, problems, flat, lines);
        }
    }

    private void checkValue(Path file, String path, Node node, Type type, List<Problem> problems,
                            Map<String, Object> flat, Map<String, Integer> lines) {
        Class<?> raw = raw(type);
        lines.put(path, line(node));
        if (raw.isRecord()) {
            checkRecord(file, path, node, components(raw), problems, flat, lines);
        } else if (List.class.isAssignableFrom(raw)) {
            if (!(node instanceof SequenceNode sequence)) {
                problems.add(new Problem(file, line(node), path, "expected a list"));
                return;
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            for (int i = 0; i < sequence.getValue().size(); i++) {
                checkValue(file, path + "[" + i + "]", sequence.getValue().get(i), element, problems, flat, lines);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!(node instanceof MappingNode mapping)) {
                problems.add(new Problem(file, line(node), path, "expected a mapping"));
                return;
            }
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            for (NodeTuple tuple : mapping.getValue()) {
                checkValue(file, path + "[" + scalar(tuple.getKeyNode()) + "]", tuple.getValueNode(), value,
                        problems, flat, lines);
            }
        } else if (!(node instanceof ScalarNode scalar)) {
            problems.add(new Problem(file, line(node), path, "expected a single value (" + describe(raw) + ")"));
        } else if (convertible(scalar.getValue(), raw)) {
            flat.put(path, scalar.getValue());
        } else {
            problems.add(new Problem(file, line(node), path, "expected " + describe(raw) + ", got '"
                    + scalar.getValue() + "'"));
        }
    }

    /** Binds every area record so its own validation runs; a rejected value names its key and line. */
    private void bind(Path file, Map<String, Object> flat, Map<String, Integer> lines, List<Problem> problems) {
        Binder binder = new Binder(new MapConfigurationPropertySource(flat));
        for (Map.Entry<String, Class<?>> root : roots.entrySet()) {
            try {
                binder.bind(root.getKey(), root.getValue());
            } catch (BindException e) {
                String key = e.getProperty() != null ? e.getProperty().getName().toString() : root.getKey();
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                problems.add(new Problem(file, lines.getOrDefault(key, lines.getOrDefault(root.getKey(), 1)), key,
                        cause.getMessage() == null ? "invalid value" : cause.getMessage()));
            }
        }
    }

    private static boolean convertible(String value, Class<?> type) {
        // the binder's own conversion, so the check agrees with what a run binds
        try {
            new Binder(new MapConfigurationPropertySource(Map.of("value", value))).bind("value", type);
            return true;
        } catch (BindException e) {
            return false;
        }
    }

    private static Map<String, Type> components(Class<?> record) {
        Map<String, Type> map = new TreeMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            map.put(keyOf(record, c), c.getGenericType());
        }
        return map;
    }

    private static Map<String, Class<?>> propertiesRecords() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Map<String, Class<?>> roots = new TreeMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("ai.smartcloudops.audit")) {
            Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(),
                    ConfigValidator.class.getClassLoader());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            roots.put(prefix, type);
        }
        return roots;
    }

    /** The nearest key path above a line, from indentation: where a syntax error sits. */
    private static String keyBefore(Path file, int line) {
        try {
            List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<int[]> indents = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < Math.min(line, text.size()); i++) {
                Matcher m = KEY_LINE.matcher(text.get(i));
                if (m.find()) {
                    int indent = m.group(1).length();
                    while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
                        indents.remove(indents.size() - 1);
                        keys.remove(keys.size() - 1);
                    }
                    indents.add(new int[] {indent});
                    keys.add(m.group(2));
                }
            }
            return String.join(".", keys);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "Duration" -> "a duration such as 30s or 5m";
            case "Integer", "Long" -> "a number";
            case "Boolean" -> "true or false";
            default -> "a " + type.getSimpleName().toLowerCase();
        };
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : String.valueOf(node);
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    /** The component's key: its {@link Name} when it has one (e.g. {@code public}, a Java keyword), else kebab-case. */
    private static String keyOf(Class<?> record, RecordComponent component) {
        try {
            Name name = record.getDeclaredField(component.getName()).getAnnotation(Name.class);
            return name != null ? name.value() : kebab(component.getName());
        } catch (NoSuchFieldException e) {
            return kebab(component.getName());
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
