-- L4: a person whose retention has ended but whom a legal hold still keeps: their data serves only
-- the purposes listed here (comma-separated purpose codes); the decision point refuses every other,
-- as under a restriction. Owned by the access module; set and cleared by the retention run through
-- access's API (KeptForObligations). No personal data: an id, codes, a time.
CREATE TABLE kept_for_obligation (
    subject_id UUID         NOT NULL PRIMARY KEY,
    purposes   VARCHAR(500) NOT NULL,
    reason     VARCHAR(40)  NOT NULL,
    since      TIMESTAMP WITH TIME ZONE NOT NULL,
    set_by     VARCHAR(100) NOT NULL
);
