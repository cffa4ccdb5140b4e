-- Marketing (policy §9.2; R9.9, R9.10, L2, L5, L9): a basis per person, channel and marketing
-- purpose, kept as history (rows are only ever added), the current basis of each beside it for
-- campaigns over a large audience, each person's capacity (consumer or professional) with its
-- history, and the suppression list. Codes, dates and typed actor ids are in clear; the proof's
-- free parts (the page or the details of how it was collected) are sealed under the person's key.

CREATE TABLE marketing_basis (
    id           UUID         NOT NULL PRIMARY KEY,
    subject_id   UUID         NOT NULL,
    channel      VARCHAR(8)   NOT NULL,
    purpose      VARCHAR(64)  NOT NULL,
    kind         VARCHAR(20)  NOT NULL,
    collected_by VARCHAR(20)  NOT NULL,
    wording      VARCHAR(100),
    reference    VARCHAR(100),
    details      BYTEA,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_on  DATE         NOT NULL,
    recorded_by  VARCHAR(60)  NOT NULL
);
-- A person's history, newest first.
CREATE INDEX marketing_basis_by_subject ON marketing_basis (subject_id, recorded_at, id);

-- The latest basis of each person, channel and purpose: derived from the history in the same
-- transaction, one row each, so an audience is one indexed scan and never a scan of the history.
CREATE TABLE marketing_basis_current (
    subject_id  UUID        NOT NULL,
    channel     VARCHAR(8)  NOT NULL,
    purpose     VARCHAR(64) NOT NULL,
    basis_id    UUID        NOT NULL,
    kind        VARCHAR(20) NOT NULL,
    recorded_on DATE        NOT NULL,
    PRIMARY KEY (subject_id, channel, purpose)
);
CREATE INDEX marketing_basis_current_audience ON marketing_basis_current (purpose, channel, kind, subject_id);

CREATE TABLE marketing_capacity (
    id          UUID        NOT NULL PRIMARY KEY,
    subject_id  UUID        NOT NULL,
    capacity    VARCHAR(12) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(60) NOT NULL
);
CREATE INDEX marketing_capacity_by_subject ON marketing_capacity (subject_id, recorded_at, id);

-- The suppression list (L9): keyed hashes (HMAC-SHA-256 under a key of its own, hex) of the
-- normalised e-mails and E.164 phones of every objection, per channel and purpose, kept until
-- expires_on (3 years from the latest objection) even once the person is erased. No person id.
CREATE TABLE marketing_suppression (
    address_hash VARCHAR(64) NOT NULL,
    channel      VARCHAR(8)  NOT NULL,
    purpose      VARCHAR(64) NOT NULL,
    objected_on  DATE        NOT NULL,
    expires_on   DATE        NOT NULL,
    PRIMARY KEY (address_hash, channel, purpose)
);
CREATE INDEX marketing_suppression_expiry ON marketing_suppression (expires_on);
