package org.charte.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * On the embedded H2 database, refuses any UPDATE or DELETE of an audit entry: the log is
 * append-only in the database itself, not only in the code (PostgreSQL has the same guard as a
 * PL/pgSQL trigger). Tampering then needs the table owner to drop the guard first, and the hash
 * chain still tells.
 */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit log is append-only: entries are never updated or deleted", "2F004");
    }
}
