-- The application connects as a role of its own, with only the rights it needs, not as the role
-- that owns the tables and runs these migrations (R6.5): the owner alone could disable the audit
-- log's triggers (V4_1) or grant itself UPDATE, DELETE or TRUNCATE on it. The application's role is
-- the Flyway placeholder application-role (spring.datasource.username by default); when it is the owner
-- itself, or does not exist, nothing is granted (the README says how to set the roles up).
DO $$
DECLARE
    app CONSTANT TEXT := '${application-role}';
BEGIN
    IF app = '' OR app = current_user THEN
        RAISE NOTICE 'the application connects as the owner (%): no separate role to grant to', current_user;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        RAISE WARNING 'the application role % does not exist: nothing granted to it', app;
        RETURN;
    END IF;
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), app);
    -- Hosted Gestan databases are schemas the application creates (their logins: V18_1).
    EXECUTE format('GRANT CREATE ON DATABASE %I TO %I', current_database(), app);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
    -- Every table: read and write rows (no TRUNCATE, REFERENCES or TRIGGER), also those of later migrations.
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', app);
    -- Except: the audit log is appended to and read, never changed, and its head row only moved
    -- forward; Flyway's history is only read.
    EXECUTE format('REVOKE UPDATE, DELETE ON audit_entry FROM %I', app);
    EXECUTE format('REVOKE INSERT, DELETE ON audit_head FROM %I', app);
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON %I FROM %I', '${flyway:table}', app);
END
$$;
