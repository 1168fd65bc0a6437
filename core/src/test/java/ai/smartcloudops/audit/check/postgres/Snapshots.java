package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshots of databases, servers and pgbouncers as captured under src/test/resources/postgres: one JSON object per
 * snapshot, each part the rows its queries answered (as {@code row_to_json} writes them), or
 * {@code {"error": {"sqlState", "message"}}} for a part whose queries failed; a part left out was not read.
 */
final class Snapshots {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Snapshots() {
    }

    static PostgresSnapshot database(String name) {
        return load(name, PostgresSnapshot.class, null);
    }

    /** A server's snapshot, read through the database of {@code targets} its {@code database} names. */
    static PostgresServerSnapshot server(String name, PostgresTargets targets) {
        return load(name, PostgresServerSnapshot.class, targets);
    }

    static PgBouncerSnapshot pgbouncer(String name) {
        return load(name, PgBouncerSnapshot.class, null);
    }

    /** The record {@code type} of the JSON object in {@code name}, its {@link Part}s made as described above. */
    private static <T extends Record> T load(String name, Class<T> type, PostgresTargets targets) {
        JsonNode root = read(name);
        RecordComponent[] components = type.getRecordComponents();
        List<Object> values = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (RecordComponent component : components) {
            JsonNode node = root.get(component.getName());
            types.add(component.getType());
            values.add(component.getType() == Part.class ? part(node, component.getGenericType())
                    : component.getType() == Optional.class && node == null ? Optional.empty()
                    : component.getType() == PostgresProperties.Database.class ? database(targets, node)
                    : JSON.convertValue(node, JSON.getTypeFactory().constructType(component.getGenericType())));
        }
        try {
            var constructor = type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            return constructor.newInstance(values.toArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": " + e, e);
        }
    }

    /** The configured database a snapshot names. */
    private static PostgresProperties.Database database(PostgresTargets targets, JsonNode name) {
        return targets.properties().databases().stream().filter(d -> d.name().equals(name.asString())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no database " + name + " configured"));
    }

    private static Part<?> part(JsonNode node, Type type) {
        if (node == null || node.isNull()) {
            return Part.unread();
        }
        if (node.isObject() && node.has("error")) {
            JsonNode error = node.get("error");
            return Savepoints.failed(new SQLException(error.get("message").asString(),
                    error.get("sqlState").asString()));
        }
        Type value = ((ParameterizedType) type).getActualTypeArguments()[0];
        return Part.of(JSON.convertValue(node, JSON.getTypeFactory().constructType(value)));
    }

    private static JsonNode read(String name) {
        try (InputStream in = Snapshots.class.getResourceAsStream("/postgres/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /postgres/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
