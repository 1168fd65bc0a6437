package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import ai.smartcloudops.audit.finding.Resource;
import ai.smartcloudops.audit.text.Humanize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Indexes left invalid by a failed concurrent build, not ones being built right now. */
@Component
public class InvalidIndexesCheck extends PostgresCheck {

    static final String ID = "postgres.invalid-indexes";

    public InvalidIndexesCheck(PostgresTargets postgresTargets) {
        super(ID, postgresTargets);
    }

    @Override
    public List<Problem> run(CheckContext context) throws Exception {
        postgresTargets.skipOnStandby(context, "invalid indexes (PG-304)");
        return postgresTargets.withConnection(context, c -> {
            String database = Sql.currentDatabase(c);
            return Sql.list(c, """
                    SELECT n.nspname, ic.relname, quote_ident(n.nspname) || '.' || quote_ident(ic.relname),
                           i.indrelid::regclass::text, pg_relation_size(i.indexrelid), pg_get_indexdef(i.indexrelid)
                    FROM pg_index i
                    JOIN pg_class ic ON ic.oid = i.indexrelid
                    JOIN pg_namespace n ON n.oid = ic.relnamespace
                    WHERE NOT i.indisvalid AND n.nspname NOT LIKE 'pg_temp%'
                      AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid
                                      OR (p.relid = i.indrelid AND p.index_relid = 0))
                    ORDER BY 1, 2""", rs -> {
                        String definition = rs.getString(6);
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("database", database);
                        facts.put("psql", postgresTargets.psql(context));
                        facts.put("qualified", rs.getString(3));
                        facts.put("table", rs.getString(4));
                        facts.put("size", Humanize.bytes(rs.getLong(5)));
                        facts.put("definition", definition);
                        facts.put("recreate", definition.replaceFirst("^CREATE (UNIQUE )?INDEX ",
                                "CREATE $1INDEX CONCURRENTLY "));
                        return Problem.of(PostgresCode.PG_304, new Resource("Index", rs.getString(1), rs.getString(2)), facts);
                    });
        });
    }
}
