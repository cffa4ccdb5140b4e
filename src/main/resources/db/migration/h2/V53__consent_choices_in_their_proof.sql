-- The proofs of cookie choices keep their choices in their own row, as on PostgreSQL (postgresql/V53 says why):
-- one JSON object, a purpose's id to true or false (StoredChoices). Every proof stored before gets its choices
-- from consent_choice, by purpose (the order its reads gave them); a proof without any gets {}. Then
-- consent_choice goes.
ALTER TABLE consent_record ADD COLUMN choices VARCHAR(20000);
UPDATE consent_record r SET choices = COALESCE((
    SELECT '{' || LISTAGG('"' || REPLACE(REPLACE(c.purpose, '\', '\\'), '"', '\"') || '":' || CASE WHEN c.accepted THEN 'true' ELSE 'false' END, ',')
        WITHIN GROUP (ORDER BY c.purpose) || '}'
    FROM consent_choice c WHERE c.record_id = r.id), '{}');
ALTER TABLE consent_record ALTER COLUMN choices SET NOT NULL;
DROP TABLE consent_choice;
