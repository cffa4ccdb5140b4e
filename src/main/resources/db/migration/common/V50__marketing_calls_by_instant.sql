-- A campaign's phone audience reads the calls of the last 60 days (D223-9's 4 attempts per 30 days,
-- 60 days after a refusal: L2) for everyone at once; calls are kept for years, so that range is read
-- from an index by instant holding all it needs (who, when, the outcome), not from the whole table.
CREATE INDEX marketing_call_by_instant ON marketing_call (called_at, subject_id, outcome);
