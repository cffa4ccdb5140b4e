-- The proofs of cookie choices keep their choices in their own row (L3, R9.11; issue 13, performance):
-- one JSON object, a purpose's id to true (accepted) or false (refused), e.g.
-- {"audience":false,"social-sharing":true} (StoredChoices writes and reads it). One row and its three index
-- entries per proof, instead of a proof and a row per purpose beside it (three rows and five index entries for
-- the usual two purposes) on the busiest write of Charte (bench/RESULTS.md, consent). Every proof stored before
-- gets its choices from consent_choice, in the order its reads gave them (by purpose); a proof without any
-- (a banner asking nothing) gets {}. Then consent_choice goes, with its partitions; a month of proofs is one
-- partition now, made and dropped by charte_month_partition as before.
ALTER TABLE consent_record ADD COLUMN choices VARCHAR(20000);
UPDATE consent_record r SET choices = COALESCE((
    SELECT '{' || string_agg(to_json(c.purpose)::text || ':' || CASE WHEN c.accepted THEN 'true' ELSE 'false' END, ',' ORDER BY c.purpose) || '}'
    FROM consent_choice c WHERE c.record_id = r.id AND c.recorded_at = r.recorded_at), '{}');
ALTER TABLE consent_record ALTER COLUMN choices SET NOT NULL;
DROP TABLE consent_choice;

-- As V48's, without consent_choice (its grants and owner stay: CREATE OR REPLACE keeps them).
CREATE OR REPLACE FUNCTION charte_month_partition(parent TEXT, month DATE, erase BOOLEAN) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
    suffix TEXT;
    low TIMESTAMP WITH TIME ZONE;
    high TIMESTAMP WITH TIME ZONE;
    kept BIGINT;
    rows BIGINT := 0;
    key TEXT;
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
        -- Detached before being dropped; a proof being recorded meanwhile waits.
        LOCK TABLE consent_record IN ACCESS EXCLUSIVE MODE;
        IF to_regclass('consent_record_' || suffix) IS NOT NULL THEN
            EXECUTE format('SELECT COUNT(*) FROM %I', 'consent_record_' || suffix) INTO rows;
            EXECUTE format('ALTER TABLE consent_record DETACH PARTITION %I', 'consent_record_' || suffix);
            EXECUTE format('DROP TABLE %I', 'consent_record_' || suffix);
        END IF;
        RETURN rows;
    END IF;
    IF to_regclass(parent || '_' || suffix) IS NOT NULL THEN
        RETURN 0;
    END IF;
    -- Rows of the month already in the default partition (a clock moved far ahead) stay there:
    -- the month gets no partition of its own, and nothing is refused or lost.
    key := CASE parent WHEN 'audit_entry' THEN 'at' ELSE 'recorded_at' END;
    EXECUTE format('SELECT COUNT(*) FROM (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2 LIMIT 1) d', parent || '_default', key, key)
            INTO kept USING low, high;
    IF kept > 0 THEN
        RETURN -1;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', parent || '_' || suffix, parent, low, high);
    IF parent = 'audit_entry' THEN
        PERFORM charte_audit_partition_guard(parent || '_' || suffix);
    END IF;
    RETURN 0;
END
$fn$;
