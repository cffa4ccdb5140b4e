-- Issue 14 item 5: OpenDSR 2.0 conformance.
--
-- Charte's own OpenDSR signing key (RSA, SHA256withRSA): its certificate published by discovery
-- (processor_certificate), the private half sealed by the vault under the master key (kept
-- outside the database), never in clear. Rotatable: one current key (retired_at NULL); a rotation
-- retires it and makes a new one; retired certificates stay published for callers that cached one.
CREATE TABLE opendsr_signing_key (
    key_id      CHAR(32)     NOT NULL PRIMARY KEY,
    certificate BYTEA        NOT NULL,
    private_key BYTEA        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE
);

-- The last status each request's callbacks were queued for: a status change not yet queued is
-- found by comparing it with the request's status now (nothing lost across a restart).
ALTER TABLE opendsr_request ADD COLUMN notified_status VARCHAR(20);

-- Status callbacks (OpenDSR 8.5-8.7), one row per URL and status: the specification's body,
-- signed when sent; retried with exponential backoff until the controller answers 2xx or the
-- attempts run out (given_up_at). No personal data: ids, statuses and dates only.
CREATE TABLE opendsr_callback (
    id                 UUID         NOT NULL PRIMARY KEY,
    subject_request_id UUID         NOT NULL REFERENCES opendsr_request (subject_request_id),
    url                VARCHAR(500) NOT NULL,
    request_status     VARCHAR(20)  NOT NULL,
    body               VARCHAR(2000) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    last_status_code   INTEGER,
    sent_at            TIMESTAMP WITH TIME ZONE,
    given_up_at        TIMESTAMP WITH TIME ZONE,
    UNIQUE (subject_request_id, url, request_status)
);
CREATE INDEX opendsr_callback_due ON opendsr_callback (next_attempt_at);
