-- A choice carries its proof's time (R9.11): on PostgreSQL both tables are partitioned by month on
-- it (postgresql/V48), and the choices' foreign key names the proofs' (id, recorded_at). H2 stays
-- unpartitioned; the column keeps the two schemas, and the code writing them, alike.
ALTER TABLE consent_choice ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE;
UPDATE consent_choice c SET recorded_at = (SELECT r.recorded_at FROM consent_record r WHERE r.id = c.record_id);
ALTER TABLE consent_choice ALTER COLUMN recorded_at SET NOT NULL;
