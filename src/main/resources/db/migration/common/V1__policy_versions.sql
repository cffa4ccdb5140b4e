-- Every policy file Charte has run with, kept for good (R1.1): later records point to the
-- version in force when they were made.
CREATE TABLE policy_version (
    id             UUID          NOT NULL PRIMARY KEY,
    version_label  VARCHAR(64)   NOT NULL,
    effective_date DATE          NOT NULL,
    content_sha256 CHAR(64)      NOT NULL UNIQUE,
    content        TEXT          NOT NULL,
    first_loaded   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_loaded    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX policy_version_by_first_loaded ON policy_version (first_loaded);
