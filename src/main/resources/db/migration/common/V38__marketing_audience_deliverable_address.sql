-- Post campaigns (R9.9, L9): marketing_audience.has_address now means "has a postal address a letter
-- can reach" (LetterAddress.deliverable: a street line, a commune, and in France a postal code), not
-- "has any address recorded". The people whose fact said yes are derived again once at start
-- (AudienceBackfill replays their sealed contacts), so that the fact means the same for everyone.
INSERT INTO marketing_audience_backfill (subject_id)
    SELECT a.subject_id FROM marketing_audience a
    WHERE a.has_address = TRUE
      AND NOT EXISTS (SELECT 1 FROM marketing_audience_backfill b WHERE b.subject_id = a.subject_id);
