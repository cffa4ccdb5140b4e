-- Access governance (policy §6 and §8): second factor, lock-out, commitments, subcontractors,
-- grants and API tokens.
ALTER TABLE staff_account ADD COLUMN totp_secret BYTEA;
ALTER TABLE staff_account ADD COLUMN totp_last_step BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE staff_account ADD COLUMN failed_attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE staff_account ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE staff_account ADD COLUMN demo BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE staff_account ADD COLUMN subcontractor_id UUID;
ALTER TABLE staff_account ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;

-- The confidentiality commitment, one row per version of its text (R8.2).
CREATE TABLE commitment_text (
    version      INT          NOT NULL PRIMARY KEY,
    text_fr      TEXT         NOT NULL,
    text_en      TEXT         NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by UUID
);

-- Who signed which version, when: nobody reaches personal data before signing the current one.
CREATE TABLE commitment_signature (
    staff_id  UUID NOT NULL REFERENCES staff_account (id),
    version   INT  NOT NULL REFERENCES commitment_text (version),
    signed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (staff_id, version)
);

-- Subcontractors and their contract with data-protection clauses (R6.4, R8.6).
CREATE TABLE subcontractor (
    id                      UUID         NOT NULL PRIMARY KEY,
    name                    VARCHAR(200) NOT NULL UNIQUE,
    role                    VARCHAR(64)  NOT NULL,
    contract_signed_on      DATE,
    contract_ends_on        DATE,
    data_protection_clauses BOOLEAN      DEFAULT FALSE NOT NULL,
    last_assessment_on      DATE,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Individual, limited authorisations (R6.1-R6.3): one purpose, some categories, some resources, a validity.
CREATE TABLE access_grant (
    id             UUID          NOT NULL PRIMARY KEY,
    grantee_id     UUID          NOT NULL REFERENCES staff_account (id),
    kind           VARCHAR(32)   NOT NULL,
    purpose        VARCHAR(64)   NOT NULL,
    categories     VARCHAR(1000) NOT NULL,
    valid_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    granted_by     UUID          NOT NULL,
    granted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reason         VARCHAR(500)  NOT NULL,
    ticket_ref     VARCHAR(100),
    requested_by   UUID,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    revoked_by     UUID,
    revoke_reason  VARCHAR(500)
);
CREATE INDEX access_grant_by_grantee ON access_grant (grantee_id);
CREATE INDEX access_grant_by_ticket ON access_grant (ticket_ref);

CREATE TABLE access_grant_resource (
    grant_id      UUID        NOT NULL REFERENCES access_grant (id),
    resource_type VARCHAR(32) NOT NULL,
    resource_id   UUID        NOT NULL,
    PRIMARY KEY (grant_id, resource_type, resource_id)
);
CREATE INDEX access_grant_resource_by_resource ON access_grant_resource (resource_type, resource_id);

-- Integration tokens: shown once, kept as a SHA-256 hash, scoped, revocable (R8.3).
CREATE TABLE api_token (
    id           UUID         NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    token_hash   CHAR(64)     NOT NULL UNIQUE,
    role         VARCHAR(64)  NOT NULL,
    scopes       VARCHAR(500) NOT NULL,
    created_by   UUID         NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE
);
