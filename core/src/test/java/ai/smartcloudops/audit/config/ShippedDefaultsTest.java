package ai.smartcloudops.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * config/health-audit.yml documents the defaults, and the properties records bind them when a key is absent: the
 * two are written twice, so they are compared here. A threshold changed in one place and not the other fails.
 */
class ShippedDefaultsTest {

    private static final Binder NOTHING = new Binder(new MapConfigurationPropertySource(Map.of()));

    @Test
    void theFileBindsExactlyWhatTheCodeDefaultsTo() throws IOException {
        Binder file = new Binder(ConfigurationPropertySources.from(shipped()));
        ConfigValidator.propertiesRecords().forEach((prefix, type) -> assertThat(file.bindOrCreate(prefix, type))
                .as("%s bound from config/health-audit.yml against its defaults in %s", prefix, type.getSimpleName())
                .isEqualTo(NOTHING.bindOrCreate(prefix, type)));
    }

    @Test
    void everyDefaultTheCodeBindsIsWrittenInTheFile() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (PropertySource<?> source : shipped()) {
            keys.addAll(List.of(((EnumerablePropertySource<?>) source).getPropertyNames()));
        }
        List<String> missing = new ArrayList<>();
        ConfigValidator.propertiesRecords().forEach((prefix, type) ->
                missing(prefix, NOTHING.bindOrCreate(prefix, type), keys, missing));
        assertThat(missing).as("keys with a default in the code that config/health-audit.yml does not set").isEmpty();
    }

    @Test
    void aThresholdWrittenDifferentlyFromTheCodeIsCaught() {
        Binder changed = new Binder(new MapConfigurationPropertySource(
                Map.of("health-audit.redis.thresholds.slowlog-entries", "11")));
        Map<String, Class<?>> records = ConfigValidator.propertiesRecords();
        Class<?> redis = records.get("health-audit.redis");
        assertThat(changed.bindOrCreate("health-audit.redis", redis))
                .isNotEqualTo(NOTHING.bindOrCreate("health-audit.redis", redis));
    }

    private static List<PropertySource<?>> shipped() throws IOException {
        return new YamlPropertySourceLoader().load("config/health-audit.yml",
                new FileSystemResource("config/health-audit.yml"));
    }

    /** Adds each key under {@code key} whose default {@code value} the file leaves unwritten. */
    private static void missing(String key, Object value, Set<String> keys, List<String> missing) {
        if (value == null || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof List<?> list && list.isEmpty()) {
            return;     // no default: nothing to write but the comment
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                missing(key + "." + ConfigValidator.keyOf(value.getClass(), component), read(component, value), keys,
                        missing);
            }
        } else if (value instanceof Map<?, ?> map) {
            // a map key with a dot ("1.31") is written in brackets to keep it whole
            map.forEach((k, v) -> missing(key + (k.toString().contains(".") ? "[" + k + "]" : "." + k), v, keys,
                    missing));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                missing(key + "[" + i + "]", list.get(i), keys, missing);
            }
        } else if (keys.stream().noneMatch(k -> k.equals(key) || k.startsWith(key + ".") || k.startsWith(key + "["))) {
            missing.add(key);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
