-- The platform's signing keys rotate (R6.5, R5.6): several keys per name, one of them current.
-- A retired key keeps its public half, so that what it signed (destruction certificates, audit
-- checkpoints) keeps verifying; its private half is destroyed when it is retired.
CREATE TABLE signing_key (
    key_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name         VARCHAR(60)  NOT NULL,
    current_name VARCHAR(60)  UNIQUE,  -- the name while the key is current, NULL once retired: one current key per name
    algorithm    VARCHAR(20)  NOT NULL,
    public_key   BYTEA        NOT NULL,
    private_key  BYTEA,                -- sealed by the vault under the master key; NULL once retired
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX signing_key_name ON signing_key (name);

INSERT INTO signing_key (key_id, name, current_name, algorithm, public_key, private_key, created_at)
SELECT key_id, name, name, algorithm, public_key, private_key, created_at FROM platform_signing_key;

DROP TABLE platform_signing_key;

-- Signed heads of the audit chain (R6.5), in the manner of Certificate Transparency's signed tree
-- heads: the chain's entry count and last hash at a time, signed; no personal data.
CREATE TABLE audit_checkpoint (
    id          UUID         NOT NULL PRIMARY KEY,
    entry_count BIGINT       NOT NULL,
    head_hash   VARCHAR(64)  NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id      VARCHAR(64)  NOT NULL REFERENCES signing_key (key_id),
    algorithm   VARCHAR(20)  NOT NULL,
    signature   VARCHAR(200) NOT NULL
);
CREATE INDEX audit_checkpoint_signed_at ON audit_checkpoint (signed_at);
