-- One data key per person, wrapped by the master key (R8.4). Deleting the row shreds the person.
CREATE TABLE subject_key (
    subject_id    UUID         NOT NULL PRIMARY KEY,
    wrapped_key   BYTEA        NOT NULL,
    master_key_id VARCHAR(16)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The people whose data Charte keeps: only their status and dates in clear, everything
-- personal sealed under their own key, the e-mail findable through a blind index.
CREATE TABLE data_subject (
    id                UUID        NOT NULL PRIMARY KEY,
    status            VARCHAR(20) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_contact_on   DATE        NOT NULL,
    contract_ended_on DATE,
    policy_version_id UUID        NOT NULL REFERENCES policy_version (id),
    identity          BYTEA       NOT NULL,
    email_index       CHAR(64)
);

CREATE INDEX data_subject_by_status ON data_subject (status);
CREATE INDEX data_subject_by_email_index ON data_subject (email_index);
