package org.charte.hosting.internal;

import java.util.UUID;
import org.charte.access.KnownHostedDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The hosted databases a grant may open: recorded and not destroyed. */
@Component
class RecordedHostedDatabases implements KnownHostedDatabases {

    private final JdbcClient jdbc;

    RecordedHostedDatabases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(UUID hostedDatabaseId) {
        return jdbc.sql("SELECT COUNT(*) FROM hosted_database WHERE id = ? AND status <> 'DESTROYED'")
                .param(hostedDatabaseId).query(Long.class).single() > 0;
    }
}
