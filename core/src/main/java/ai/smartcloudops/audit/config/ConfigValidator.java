package ai.smartcloudops.audit.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
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

    /** The largest configuration file read. */
    public static final long MAX_BYTES = 1024 * 1024;
    /** Aliases of collections one file may hold (SnakeYAML's own default, stated). */
    private static final int MAX_ALIASES = 50;
    /** Values a file may stand for once its aliases are expanded: a billion laughs stops here. */
    private static final long MAX_VALUES = 100_000;

    /** One problem: file, 1-based line (0: the whole file), the full key, and what was expected. */
    public record Problem(Path file, int line, String key, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + (key.isEmpty() ? "" : "key '" + key + "': ")
                    + message;
        }
    }

    private final Map<String, Class<?>> roots;

    public ConfigValidator() {
        this.roots = propertiesRecords();
    }

    public List<Problem> validate(Path file) {
        List<Problem> problems = new ArrayList<>();
        String text;
        try {
            text = read(file);
        } catch (Refused e) {
            problems.add(new Problem(file, e.line, "", e.getMessage()));
            return problems;
        }
        Node document;
        try {
            document = new Yaml(loaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
            problems.add(new Problem(file, line, keyBefore(text, line), "malformed YAML: " + problem));
            return problems;
        } catch (YAMLException e) {
            problems.add(new Problem(file, 0, "", "malformed YAML: " + e.getMessage()));
            return problems;
        }
        if (document == null) {
            return problems;
        }
        if (expanded(document, new IdentityHashMap<>()) > MAX_VALUES) {
            problems.add(new Problem(file, 0, "", "its aliases (*name) expand to more than " + MAX_VALUES
                    + " values; write the values out instead"));
            return problems;
        }
        if (!(document instanceof MappingNode top)) {
            problems.add(new Problem(file, line(document), "", "expected a mapping of keys at the top level"));
            return problems;
        }
        Map<String, ScalarNode> scalars = new LinkedHashMap<>();
        scalars(document, "", scalars);
        Environment environment = environment(scalars);
        Map<String, Object> flat = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        scalars.forEach((key, node) -> {
            String variable = SettingRules.unresolvedVariable(environment.resolvePlaceholders(node.getValue()));
            if (variable != null) {
                problems.add(new Problem(file, line(node), key, "variable " + variable + " is not set (the value is "
                        + node.getValue() + ")"));
            }
        });
        Walk walk = new Walk(file, problems, flat, lines, environment);
        for (NodeTuple tuple : top.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (ROOT.equals(key)) {
                walk.record(ROOT, tuple.getValueNode(), rootSchema());
            } else if (!FRAMEWORK_KEYS.contains(key)) {
                problems.add(new Problem(file, line(tuple.getKeyNode()), key, "unknown top-level key; valid keys: "
                        + ROOT + ", " + String.join(", ", new java.util.TreeSet<>(FRAMEWORK_KEYS))));
            }
        }
        bind(file, flat, lines, problems);
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return problems;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit((int) MAX_BYTES);
        return options;
    }

    /** A file that is refused before it is parsed: too large, unreadable, or not UTF-8 text. */
    private static final class Refused extends Exception {
        final int line;

        Refused(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    /** The file's text: at most {@link #MAX_BYTES}, strict UTF-8. */
    private static String read(Path file) throws Refused {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw new Refused(0, "cannot be read: permission denied");
        } catch (IOException e) {
            throw new Refused(0, "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().replace(file.toString() + ": ", "").replace(file.toString(), "").strip()));
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused(0, "is larger than " + MAX_BYTES / 1024 + " KB, the most a configuration file may be");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new Refused(line, "is not UTF-8 text (byte 0x%02x at offset %d); a configuration file is YAML"
                    .formatted(bytes[offset] & 0xff, offset));
        }
        return out.flip().toString();
    }

    /** The number of values the node stands for once every alias is expanded, counted without expanding them. */
    private static long expanded(Node node, Map<Node, Long> counted) {
        Long known = counted.get(node);
        if (known != null) {
            return known;
        }
        counted.put(node, 1L); // a recursive alias counts once
        long count = 1;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                count += expanded(tuple.getKeyNode(), counted) + expanded(tuple.getValueNode(), counted);
                count = Math.min(count, MAX_VALUES + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                count = Math.min(count + expanded(item, counted), MAX_VALUES + 1);
            }
        }
        counted.put(node, count);
        return count;
    }

    /** Every scalar of the document by its property key ({@code a.b}, {@code a[0]}): what placeholders may name. */
    private static void scalars(Node node, String path, Map<String, ScalarNode> into) {
        if (node instanceof ScalarNode scalar) {
            into.put(path, scalar);
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalar(tuple.getKeyNode());
                scalars(tuple.getValueNode(), path.isEmpty() ? key : path + "." + key, into);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                scalars(sequence.getValue().get(i), path + "[" + i + "]", into);
            }
        }
    }

    /** What a run resolves {@code ${...}} against: system properties, the environment, and the file itself. */
    private static Environment environment(Map<String, ScalarNode> scalars) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> values = new LinkedHashMap<>();
        scalars.forEach((key, node) -> values.put(key, node.getValue()));
        environment.getPropertySources().addLast(new MapPropertySource("file", values));
        return environment;
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

    /** One pass over the health-audit tree: unknown keys, wrong types and the {@link SettingRules}. */
    private record Walk(Path file, List<Problem> problems, Map<String, Object> flat, Map<String, Integer> lines,
                        Environment environment) {

        void record(String path, Node node, Map<String, Type> schema) {
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
                value(full, tuple.getValueNode(), type);
            }
        }

        void value(String path, Node node, Type type) {
            Class<?> raw = raw(type);
            lines.put(path, line(node));
            if (raw.isRecord()) {
                record(path, node, components(raw));
            } else if (List.class.isAssignableFrom(raw)) {
                if (!(node instanceof SequenceNode sequence)) {
                    problems.add(new Problem(file, line(node), path, "expected a list"));
                    return;
                }
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    value(path + "[" + i + "]", sequence.getValue().get(i), element);
                }
            } else if (Map.class.isAssignableFrom(raw)) {
                if (!(node instanceof MappingNode mapping)) {
                    problems.add(new Problem(file, line(node), path, "expected a mapping"));
                    return;
                }
                Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
                for (NodeTuple tuple : mapping.getValue()) {
                    value(path + "[" + scalar(tuple.getKeyNode()) + "]", tuple.getValueNode(), value);
                }
            } else if (!(node instanceof ScalarNode scalar)) {
                problems.add(new Problem(file, line(node), path, "expected a single value (" + describe(raw) + ")"));
            } else {
                leaf(path, scalar, raw);
            }
        }

        /** A value as the run sees it, placeholders resolved; an unresolved one is reported once, by the caller. */
        private void leaf(String path, ScalarNode node, Class<?> type) {
            String value = environment.resolvePlaceholders(node.getValue());
            if (SettingRules.unresolvedVariable(value) != null) {
                return;
            }
            Object converted = converted(value, type);
            if (converted == null) {
                problems.add(new Problem(file, line(node), path, "expected " + describe(type) + ", got '"
                        + node.getValue() + "'"));
                return;
            }
            String problem = SettingRules.problem(path, converted);
            if (problem != null) {
                problems.add(new Problem(file, line(node), path, problem));
            } else {
                flat.put(path, value);
            }
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

    /** The value as the binder converts it, so the check agrees with what a run binds; null when it cannot. */
    private static Object converted(String value, Class<?> type) {
        try {
            return new Binder(new MapConfigurationPropertySource(Map.of("value", value))).bind("value", type)
                    .orElse(null);
        } catch (BindException e) {
            return null;
        }
    }

    private static Map<String, Type> components(Class<?> record) {
        Map<String, Type> map = new TreeMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            map.put(keyOf(record, c), c.getGenericType());
        }
        return map;
    }

    /**
     * Where every {@code @ConfigurationProperties} record of the product is named, one class a line: a scan of the
     * classpath for them cost every command a noticeable part of its start-up. ConfigValidatorTest keeps the list
     * equal to what a scan finds.
     */
    static final String PROPERTIES_RECORDS = "META-INF/health-audit/configuration-properties";

    /** Every {@code @ConfigurationProperties} record of the product by its prefix. */
    static Map<String, Class<?>> propertiesRecords() {
        ClassLoader loader = ConfigValidator.class.getClassLoader();
        Map<String, Class<?>> roots = new TreeMap<>();
        try (InputStream list = loader.getResourceAsStream(PROPERTIES_RECORDS)) {
            if (list == null) {
                throw new IllegalStateException(PROPERTIES_RECORDS + " is missing from the build");
            }
            for (String name : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                Class<?> type = ClassUtils.resolveClassName(name.strip(), loader);
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                if (annotation == null) {
                    throw new IllegalStateException(PROPERTIES_RECORDS + " names " + name
                            + ", which is no @ConfigurationProperties record");
                }
                roots.put(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(), type);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PROPERTIES_RECORDS, e);
        }
        return roots;
    }

    /** The nearest key path above a line, from indentation: where a syntax error sits. */
    private static String keyBefore(String yaml, int line) {
        List<String> text = yaml.lines().toList();
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
            default -> "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
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
    /** The key a record component binds from: its {@link Name}, else its name in kebab case. */
    static String keyOf(Class<?> record, RecordComponent component) {
        try {
            Name name = record.getDeclaredField(component.getName()).getAnnotation(Name.class);
            return name != null ? name.value() : kebab(component.getName());
        } catch (NoSuchFieldException e) {
            return kebab(component.getName());
        }
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
