package ai.smartcloudops.audit.check.postgres;

import ai.smartcloudops.audit.check.AreaCheck;
import ai.smartcloudops.audit.check.CheckContext;
import ai.smartcloudops.audit.check.Problem;
import java.util.List;

/**
 * A check of server-wide facts, whose targets are the servers the databases are on: it inspects the server's
 * {@link PostgresServerSnapshot}, read once per run for every check of the server. When the server had no
 * connection slot left for the audit, only PG-102 reports it; the other checks of the server are skipped.
 */
abstract class PostgresServerCheck extends AreaCheck {

    protected final PostgresTargets postgresTargets;

    PostgresServerCheck(String id, PostgresTargets postgresTargets) {
        super(id, PostgresCode.class, postgresTargets::serverTargets);
        this.postgresTargets = postgresTargets;
    }

    /** What the check finds in the server's snapshot, read through a database that answered. */
    abstract List<Problem> inspect(CheckContext context, PostgresServerSnapshot snapshot);

    /** What the check finds on a server that refused the audit for want of a slot: a skip, unless it says more. */
    List<Problem> inspectFull(CheckContext context, String error) {
        throw new PostgresTargets.ServerFull(context.target().name(), error);
    }

    @Override
    public final List<Problem> run(CheckContext context) {
        PostgresServerSnapshot snapshot = context.shared(PostgresSnapshot.key("postgres.server-snapshot",
                PostgresServerSnapshot.class, context), () -> PostgresServerSnapshot.read(context, postgresTargets));
        return snapshot.full() != null ? inspectFull(context, snapshot.full()) : inspect(context, snapshot);
    }
}
