-- The audit log is append-only in the database itself (R6.5).
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE, DELETE ON audit_entry FOR EACH ROW
    CALL 'org.charte.audit.internal.AppendOnlyTrigger';
