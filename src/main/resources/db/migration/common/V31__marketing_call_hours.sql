-- A consumer's express consent to be called outside D223-9's days and hours (L2), with its history:
-- each row a consent (consented = true) or its withdrawal (false); the person's current choice is
-- their latest row. How it was collected (means code), the wording shown sealed under the person's
-- key, who recorded it. Erased with the person.

CREATE TABLE marketing_call_hours (
    id          UUID        NOT NULL PRIMARY KEY,
    subject_id  UUID        NOT NULL,
    consented   BOOLEAN     NOT NULL,
    means       VARCHAR(20) NOT NULL,
    proof       BYTEA,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(60) NOT NULL
);
CREATE INDEX marketing_call_hours_by_subject ON marketing_call_hours (subject_id, recorded_at, id);
