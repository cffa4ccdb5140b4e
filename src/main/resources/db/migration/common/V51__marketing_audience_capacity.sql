-- A campaign's audience (issue 12, performance): each person's current capacity (consumer or
-- professional, L2 and L9) kept beside their other audience facts, so that a dry run over a million
-- people reads it with the row it joins anyway instead of an anti-join over the capacity history.
-- The history (marketing_capacity) stays the source of truth: the application sets this column from
-- it in the transaction that records a capacity (BasisHistory.capacity), as the latest entry by
-- (recorded_at, id), the rule of the view marketing_capacity_current (V32), which stays. NULL: none
-- recorded (a consumer). A person with a capacity but no audience facts yet gets a row without
-- contacts (no e-mail, phone nor address), which is what no row meant, updated when their capacity was.

ALTER TABLE marketing_audience ADD COLUMN capacity VARCHAR(12);

UPDATE marketing_audience
SET capacity = (SELECT c.capacity FROM marketing_capacity_current c WHERE c.subject_id = marketing_audience.subject_id)
WHERE subject_id IN (SELECT subject_id FROM marketing_capacity);

INSERT INTO marketing_audience (subject_id, has_email, has_phone, has_address, call_zones, updated_at, capacity)
SELECT c.subject_id, FALSE, FALSE, FALSE, '',
       (SELECT MAX(h.recorded_at) FROM marketing_capacity h WHERE h.subject_id = c.subject_id), c.capacity
FROM marketing_capacity_current c
WHERE NOT EXISTS (SELECT 1 FROM marketing_audience f WHERE f.subject_id = c.subject_id);
