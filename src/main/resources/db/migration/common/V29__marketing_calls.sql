-- Phone prospecting calls (L2, D223-9): each attempt an agent makes for a marketing purpose, with
-- its outcome, so that the 4 attempts per 30 calendar days and the 60 days after a refusal can be
-- counted. Codes, instants and typed actor ids only: no free text, nothing personal in clear.

CREATE TABLE marketing_call (
    id          UUID        NOT NULL PRIMARY KEY,
    subject_id  UUID        NOT NULL,
    purpose     VARCHAR(64) NOT NULL,
    called_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(20) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(60) NOT NULL
);
-- A person's calls by instant: the last 30 days and the last refusal are one indexed range each.
CREATE INDEX marketing_call_by_subject ON marketing_call (subject_id, called_at, id);
