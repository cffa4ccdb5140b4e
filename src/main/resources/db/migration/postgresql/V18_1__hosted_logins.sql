-- Hosted Gestan databases get a login role each (R3.3). Creating roles takes CREATEROLE, and before
-- PostgreSQL 16 a CREATEROLE role may make itself a member of any role but a superuser, the
-- owner of the audit log included (R6.5). So the owner, who runs these migrations and needs
-- CREATEROLE, makes and drops those logins through these functions, which accept only hosted
-- database names (hd_ and 32 hex digits); the application role only calls them.
CREATE FUNCTION charte_hosted_login_create(login TEXT, verifier TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF login !~ '^hd_[0-9a-f]{32}$' OR verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'not a hosted database login' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN NOINHERIT NOCREATEDB NOCREATEROLE CONNECTION LIMIT 20 PASSWORD %L', login, verifier);
    EXECUTE format('ALTER ROLE %I SET search_path = %I', login, login);
    RETURN TRUE;
END
$fn$;

-- Locks the login (no new sessions) before its schema is dropped.
CREATE FUNCTION charte_hosted_login_lock(login TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF login !~ '^hd_[0-9a-f]{32}$' THEN
        RAISE EXCEPTION 'not a hosted database login' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', login);
    RETURN TRUE;
END
$fn$;

-- Drops the login once its schema is gone; nothing when it already is.
CREATE FUNCTION charte_hosted_login_drop(login TEXT) RETURNS BOOLEAN
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    IF login !~ '^hd_[0-9a-f]{32}$' THEN
        RAISE EXCEPTION 'not a hosted database login' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('DROP ROLE IF EXISTS %I', login);
    RETURN TRUE;
END
$fn$;

REVOKE EXECUTE ON FUNCTION charte_hosted_login_create(TEXT, TEXT), charte_hosted_login_lock(TEXT), charte_hosted_login_drop(TEXT) FROM PUBLIC;

DO $$
DECLARE
    app CONSTANT TEXT := '${application-role}';
BEGIN
    IF app <> '' AND app <> current_user AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION charte_hosted_login_create(TEXT, TEXT), charte_hosted_login_lock(TEXT), '
                || 'charte_hosted_login_drop(TEXT) TO %I', app);
    END IF;
END
$$;
