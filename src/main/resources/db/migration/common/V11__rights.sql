-- Issue 5, rights requests (policy §9.1, GDPR Art. 12-22) and the mail outbox.
--
-- A request's claimed identity (name, e-mail, postal address, what the person writes) is sealed
-- under a data key of the request's own (vault key id = request id), so that nothing personal is
-- in clear and the request can be shredded on its own. Types, channels, statuses and dates are in
-- clear: they are what the DPO's deadline lists read.
CREATE TABLE rights_request (
    id                UUID         NOT NULL PRIMARY KEY,
    reference         VARCHAR(20)  NOT NULL UNIQUE,
    type              VARCHAR(20)  NOT NULL,
    channel           VARCHAR(10)  NOT NULL,
    language          VARCHAR(2)   NOT NULL,
    received_on       DATE         NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by       VARCHAR(60)  NOT NULL,
    claimant          BYTEA        NOT NULL,
    status            VARCHAR(30)  NOT NULL,
    subject_id        UUID,
    verified_at       TIMESTAMP WITH TIME ZONE,
    verified_by       VARCHAR(60),
    suspended_days    INT          DEFAULT 0 NOT NULL,
    suspended_since   DATE,
    extended_on       DATE,
    due_on            DATE         NOT NULL,
    closed_at         TIMESTAMP WITH TIME ZONE,
    outcome           VARCHAR(30)
);
CREATE INDEX rights_request_by_status ON rights_request (status, due_on);
CREATE INDEX rights_request_by_subject ON rights_request (subject_id);

-- References (R-2026-000123) come from one counter taken in the request's own transaction.
CREATE TABLE rights_request_counter (
    name       VARCHAR(20) NOT NULL PRIMARY KEY,
    last_value BIGINT      NOT NULL
);
INSERT INTO rights_request_counter (name, last_value) VALUES ('rights-request', 0);

-- The history of a request: every step with its day (the clock counts in days), who did it, and
-- a note (reasons, the answer's text) sealed under the request's key.
CREATE TABLE rights_request_event (
    id          UUID        NOT NULL PRIMARY KEY,
    request_id  UUID        NOT NULL REFERENCES rights_request (id),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    on_day      DATE        NOT NULL,
    actor       VARCHAR(60) NOT NULL,
    kind        VARCHAR(40) NOT NULL,
    note        BYTEA
);
CREATE INDEX rights_request_event_by_request ON rights_request_event (request_id, at);

-- One live verification code per request: a keyed hash only, valid 10 minutes, 3 attempts.
CREATE TABLE rights_verification_code (
    request_id  UUID     NOT NULL PRIMARY KEY REFERENCES rights_request (id),
    code_hash   CHAR(64) NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts    INT      DEFAULT 0 NOT NULL,
    issued      INT      DEFAULT 1 NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);

-- An identity document sent for a check (L1): sealed while it waits, its content deleted once
-- checked; the row stays as the record that it was checked and deleted.
CREATE TABLE rights_identity_document (
    id           UUID         NOT NULL PRIMARY KEY,
    request_id   UUID         NOT NULL REFERENCES rights_request (id),
    content      BYTEA,
    content_type VARCHAR(100) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_at   TIMESTAMP WITH TIME ZONE,
    checked_by   VARCHAR(60),
    deleted_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX rights_identity_document_by_request ON rights_identity_document (request_id);

-- An answer's files (the access report in HTML and PDF, the portability archive), sealed under the
-- request's key, with the SHA-256 of the content as proof of what was given.
CREATE TABLE rights_answer_file (
    id           UUID         NOT NULL PRIMARY KEY,
    request_id   UUID         NOT NULL REFERENCES rights_request (id),
    kind         VARCHAR(30)  NOT NULL,
    file_name    VARCHAR(100) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    content      BYTEA        NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rights_answer_file_by_request ON rights_answer_file (request_id);

-- Download links (R8.5): expiring, single-use; only the SHA-256 of the token is kept.
CREATE TABLE rights_download_link (
    token_hash  CHAR(64) NOT NULL PRIMARY KEY,
    file_id     UUID     NOT NULL REFERENCES rights_answer_file (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX rights_download_link_by_file ON rights_download_link (file_id);

-- Every mail Charte sends goes through this outbox: recipient, subject and body sealed as vault
-- secrets; sent by SMTP when a mail server is configured, erased once sent.
CREATE TABLE mail_outbox (
    id          UUID         NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    recipient   BYTEA,
    subject     BYTEA,
    body        BYTEA,
    sent_at     TIMESTAMP WITH TIME ZONE,
    attempts    INT          DEFAULT 0 NOT NULL,
    last_error  VARCHAR(200)
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, created_at);
