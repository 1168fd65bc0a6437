package ai.smartcloudops.audit.check.postgres;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit reads of one pgbouncer in a run, on one admin-console session: {@code SHOW POOLS} and
 * {@code SHOW DATABASES}, each row's columns by name as pgbouncer sent them (text, null for SQL NULL).
 */
record PgBouncerSnapshot(List<Map<String, String>> pools, List<Map<String, String>> databases) {

    PgBouncerSnapshot {
        pools = rows(pools);
        databases = rows(databases);
    }

    static PgBouncerSnapshot read(PgBouncerConsole console) throws IOException {
        return new PgBouncerSnapshot(console.query("SHOW POOLS"), console.query("SHOW DATABASES"));
    }

    /** Unmodifiable copies that keep the columns' order and their NULLs. */
    private static List<Map<String, String>> rows(List<Map<String, String>> rows) {
        return rows.stream().map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
    }
}
