-- Month partitions for the high-volume tables (issue 16): the audit log (R6.5) and the proofs of
-- cookie choices with their choices (R9.11, L3), partitioned by range on their time, one partition
-- per month of Paris (from its first midnight to the next month's), plus a default partition as a
-- safety net so that a row is never refused for want of its month. Declarative partitioning
-- managed by Charte, not pg_partman (docs/architecture.md says why): the application creates
-- the next months' partitions at start and every night (MonthPartitions), and the retention run
-- drops a month of proofs once the policy's rule says every row of it is due. The navigation
-- events are partitioned by month already (V34). The application's role owns no table: the owner
-- creates and drops partitions for it through charte_month_partition below, of these tables only,
-- and never drops any of the audit log (no rule of the policy erases it).
--
-- A partitioned table's primary key includes its partition key: audit_entry's is (seq, at),
-- consent_record's (id, recorded_at). The chain keeps seq unique (one head row, locked by every
-- append) and verification reads every seq in order, so a duplicate seq still shows.
-- consent_choice carries its record's recorded_at (V48 on H2 adds it too), so that its foreign
-- key names a unique key of consent_record and a month of choices lives beside its month of proofs.

CREATE FUNCTION charte_month_partition(parent TEXT, month DATE, erase BOOLEAN) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    suffix TEXT;
    low TIMESTAMP WITH TIME ZONE;
    high TIMESTAMP WITH TIME ZONE;
    tables TEXT[];
    child TEXT;
    kept BIGINT;
    rows BIGINT := 0;
BEGIN
    IF parent NOT IN ('audit_entry', 'consent_record') OR month IS NULL OR month <> date_trunc('month', month)::date THEN
        RAISE EXCEPTION 'not a month partition' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    suffix := to_char(month, 'YYYY"m"MM');
    low := month::timestamp AT TIME ZONE 'Europe/Paris';
    high := (month + INTERVAL '1 month')::timestamp AT TIME ZONE 'Europe/Paris';
    IF erase THEN
        IF parent = 'audit_entry' THEN
            RAISE EXCEPTION 'the audit log is append-only: its partitions are never dropped' USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The choices first (their foreign key), then the proofs; detached before being dropped. The
        -- parents are locked first in the order a writer takes them (proofs, then choices), so that
        -- a choice being recorded meanwhile waits instead of deadlocking.
        LOCK TABLE consent_record, consent_choice IN ACCESS EXCLUSIVE MODE;
        IF to_regclass('consent_choice_' || suffix) IS NOT NULL THEN
            EXECUTE format('ALTER TABLE consent_choice DETACH PARTITION %I', 'consent_choice_' || suffix);
            EXECUTE format('DROP TABLE %I', 'consent_choice_' || suffix);
        END IF;
        IF to_regclass('consent_record_' || suffix) IS NOT NULL THEN
            EXECUTE format('SELECT COUNT(*) FROM %I', 'consent_record_' || suffix) INTO rows;
            EXECUTE format('ALTER TABLE consent_record DETACH PARTITION %I', 'consent_record_' || suffix);
            EXECUTE format('DROP TABLE %I', 'consent_record_' || suffix);
        END IF;
        RETURN rows;
    END IF;
    tables := CASE parent WHEN 'audit_entry' THEN ARRAY['audit_entry'] ELSE ARRAY['consent_record', 'consent_choice'] END;
    FOREACH child IN ARRAY tables LOOP
        IF to_regclass(child || '_' || suffix) IS NOT NULL THEN
            CONTINUE;
        END IF;
        -- Rows of the month already in the default partition (a clock moved far ahead) stay there:
        -- the month gets no partition of its own, and nothing is refused or lost.
        EXECUTE format('SELECT COUNT(*) FROM (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2 LIMIT 1) d', child || '_default',
                CASE child WHEN 'audit_entry' THEN 'at' ELSE 'recorded_at' END, CASE child WHEN 'audit_entry' THEN 'at' ELSE 'recorded_at' END)
                INTO kept USING low, high;
        IF kept > 0 THEN
            RETURN -1;
        END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', child || '_' || suffix, child, low, high);
        IF child = 'audit_entry' THEN
            PERFORM charte_audit_partition_guard(child || '_' || suffix);
        END IF;
    END LOOP;
    RETURN 0;
END
$fn$;

-- An audit partition is as append-only as its table: the row triggers come with the partition,
-- the TRUNCATE guard (a statement trigger) is added, and the application's role, which gets
-- every right on new tables by default (V18), is left SELECT and INSERT only.
CREATE FUNCTION charte_audit_partition_guard(partition TEXT) RETURNS VOID
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
    app CONSTANT TEXT := '${application-role}';
BEGIN
    EXECUTE format('CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()', partition);
    IF app <> '' AND app <> current_user AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM %I', partition, app);
    END IF;
END
$fn$;
REVOKE ALL ON FUNCTION charte_month_partition(TEXT, DATE, BOOLEAN), charte_audit_partition_guard(TEXT) FROM PUBLIC;

-- The audit log: a new partitioned table, the months the old one holds, its rows, then its guards.
ALTER TABLE audit_entry RENAME TO audit_entry_unpartitioned;
ALTER INDEX audit_entry_pkey RENAME TO audit_entry_unpartitioned_pkey;
ALTER INDEX audit_entry_by_subject RENAME TO audit_entry_unpartitioned_by_subject;
ALTER INDEX audit_entry_by_actor RENAME TO audit_entry_unpartitioned_by_actor;
CREATE TABLE audit_entry (
    seq           BIGINT        NOT NULL,
    id            UUID          NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(100)  NOT NULL,
    action        VARCHAR(100)  NOT NULL,
    purpose       VARCHAR(100),
    resource_type VARCHAR(100)  NOT NULL,
    resource_id   VARCHAR(200),
    subject_id    UUID,
    categories    VARCHAR(2000) NOT NULL,
    outcome       VARCHAR(10)   NOT NULL,
    reason        VARCHAR(500),
    previous_hash CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL,
    PRIMARY KEY (seq, at)
) PARTITION BY RANGE (at);
CREATE TABLE audit_entry_default PARTITION OF audit_entry DEFAULT;
SELECT charte_audit_partition_guard('audit_entry_default');
SELECT charte_month_partition('audit_entry', m, FALSE)
FROM (SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'Europe/Paris')::date AS m FROM audit_entry_unpartitioned) months ORDER BY m;
INSERT INTO audit_entry (seq, id, at, actor, action, purpose, resource_type, resource_id, subject_id, categories, outcome, reason, previous_hash, hash)
SELECT seq, id, at, actor, action, purpose, resource_type, resource_id, subject_id, categories, outcome, reason, previous_hash, hash
FROM audit_entry_unpartitioned ORDER BY seq;
DROP TABLE audit_entry_unpartitioned;
CREATE INDEX audit_entry_by_subject ON audit_entry (subject_id, seq);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, at);
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- The proofs of cookie choices and their choices, the same way.
ALTER TABLE consent_choice RENAME TO consent_choice_unpartitioned;
ALTER INDEX consent_choice_pkey RENAME TO consent_choice_unpartitioned_pkey;
ALTER TABLE consent_record RENAME TO consent_record_unpartitioned;
ALTER INDEX consent_record_pkey RENAME TO consent_record_unpartitioned_pkey;
ALTER INDEX consent_record_by_consent RENAME TO consent_record_unpartitioned_by_consent;
ALTER INDEX consent_record_by_time RENAME TO consent_record_unpartitioned_by_time;
CREATE TABLE consent_record (
    id             UUID         NOT NULL,
    consent_id     UUID         NOT NULL,
    banner_version VARCHAR(16)  NOT NULL,
    method         VARCHAR(10)  NOT NULL,
    site           VARCHAR(255) NOT NULL,
    language       VARCHAR(2)   NOT NULL,
    browser        VARCHAR(16)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id, recorded_at)
) PARTITION BY RANGE (recorded_at);
CREATE TABLE consent_choice (
    record_id   UUID        NOT NULL,
    purpose     VARCHAR(64) NOT NULL,
    accepted    BOOLEAN     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (record_id, purpose, recorded_at),
    FOREIGN KEY (record_id, recorded_at) REFERENCES consent_record (id, recorded_at) ON DELETE CASCADE
) PARTITION BY RANGE (recorded_at);
CREATE TABLE consent_record_default PARTITION OF consent_record DEFAULT;
CREATE TABLE consent_choice_default PARTITION OF consent_choice DEFAULT;
SELECT charte_month_partition('consent_record', m, FALSE)
FROM (SELECT DISTINCT date_trunc('month', recorded_at AT TIME ZONE 'Europe/Paris')::date AS m FROM consent_record_unpartitioned) months ORDER BY m;
INSERT INTO consent_record (id, consent_id, banner_version, method, site, language, browser, recorded_at)
SELECT id, consent_id, banner_version, method, site, language, browser, recorded_at FROM consent_record_unpartitioned;
INSERT INTO consent_choice (record_id, purpose, accepted, recorded_at)
SELECT c.record_id, c.purpose, c.accepted, r.recorded_at FROM consent_choice_unpartitioned c JOIN consent_record_unpartitioned r ON r.id = c.record_id;
DROP TABLE consent_choice_unpartitioned;
DROP TABLE consent_record_unpartitioned;
CREATE INDEX consent_record_by_consent ON consent_record (consent_id, recorded_at);
CREATE INDEX consent_record_by_time ON consent_record (recorded_at);
-- The proofs are read by id alone too (their choices, a retention batch's lock).
CREATE INDEX consent_record_by_id ON consent_record (id);

DO $$
DECLARE
    app CONSTANT TEXT := '${application-role}';
BEGIN
    IF app <> '' AND app <> current_user AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM %I', app);
        EXECUTE format('GRANT EXECUTE ON FUNCTION charte_month_partition(TEXT, DATE, BOOLEAN) TO %I', app);
    END IF;
END
$$;
