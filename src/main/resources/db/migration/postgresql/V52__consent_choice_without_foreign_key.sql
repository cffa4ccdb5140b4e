-- The proofs of cookie choices (L3, R9.11; issue 13, performance): the choices keep no foreign key to
-- their proof. Its check ran once per choice row written, a query locking the proof's row (a WAL
-- record each): on the busiest write of Charte it cost about a fifth of the transactions PostgreSQL
-- could commit (bench/RESULTS.md, consent). What it guarded is kept by the only code that writes or
-- erases these rows: a proof and its choices are inserted in one transaction (ConsentWriter), the
-- retention erases the choices of the proofs it erases in the same transaction (JdbcConsentRecords),
-- and a month goes with both its partitions (charte_month_partition). Nothing relied on its
-- ON DELETE CASCADE. Dropped from the partitioned table (its own constraint, not those PostgreSQL derives from it
-- for each partition of the proofs), hence from every partition.
DO $$
DECLARE
    fk TEXT;
BEGIN
    FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = 'consent_choice'::regclass AND contype = 'f' AND conparentid = 0 LOOP
        EXECUTE format('ALTER TABLE consent_choice DROP CONSTRAINT %I', fk);
    END LOOP;
END
$$;
-- A proof read by its id alone (its choices, a retention batch's lock and erasure) uses the primary
-- key (id, recorded_at), whose first column is the id: this second index of the same ids was one more
-- entry to write per proof, never needed.
DROP INDEX consent_record_by_id;
