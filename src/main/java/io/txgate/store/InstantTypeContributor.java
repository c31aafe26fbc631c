package io.txgate.store;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;

/**
 * Maps instant attributes by database, so one entity mapping serves every store: text on SQLite, {@code timestamptz}
 * on PostgreSQL (see {@link InstantColumns}). Hibernate finds it through {@code META-INF/services}, which needs a
 * public class; it runs after the dialect's own contributions and replaces them for instants only.
 */
public final class InstantTypeContributor implements TypeContributor {

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry services) {
        Dialect dialect = services.requireService(JdbcServices.class).getDialect();
        if (dialect instanceof SQLiteDialect) {
            contributions.contributeJdbcType(InstantColumns.SqliteText.INSTANCE);
        } else if (dialect instanceof PostgreSQLDialect) {
            contributions.contributeJdbcType(InstantColumns.PostgresTimestamptz.INSTANCE);
        }
    }
}
