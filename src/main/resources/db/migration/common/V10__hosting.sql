-- Hosted Gestan databases (policy §3.3, §5, §7; R3.3, R5.5, R7.1). Each is a schema with its own
-- login in a data store the policy declares; the rows below only describe it. The credentials are
-- sealed by the vault (never in clear); the schema and login names derive from the id, never from input.
CREATE TABLE hosted_database (
    id                 UUID         NOT NULL PRIMARY KEY,
    subscription_id    UUID         NOT NULL UNIQUE,
    subject_id         UUID         NOT NULL,
    store_id           VARCHAR(60)  NOT NULL,
    location           VARCHAR(10)  NOT NULL,
    schema_name        VARCHAR(63)  NOT NULL UNIQUE,
    status             VARCHAR(12)  NOT NULL,
    credentials        BYTEA,
    provisioned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    provisioned_by     VARCHAR(60)  NOT NULL,
    terminated_on      DATE,
    destruction_due_on DATE,
    retention_rule     VARCHAR(60),
    retention_duration VARCHAR(20),
    destroyed_at       TIMESTAMP WITH TIME ZONE,
    destruction_run    VARCHAR(100),
    certificate_id     UUID
);
CREATE INDEX hosted_database_due ON hosted_database (status, destruction_due_on);
CREATE INDEX hosted_database_by_subject ON hosted_database (subject_id);

-- Every export of a hosted database (by its client, or by staff for the client): its SHA-256, so
-- the destruction certificate can name the final export.
CREATE TABLE hosted_database_export (
    id                 UUID         NOT NULL PRIMARY KEY,
    hosted_database_id UUID         NOT NULL REFERENCES hosted_database (id),
    exported_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    exported_by        VARCHAR(60)  NOT NULL,
    sha256             VARCHAR(64)  NOT NULL,
    size_bytes         BIGINT       NOT NULL,
    table_count        INTEGER      NOT NULL
);
CREATE INDEX hosted_database_export_by_database ON hosted_database_export (hosted_database_id, exported_at);

-- Destruction certificates: the exact JSON that was signed, and its Ed25519 signature.
CREATE TABLE destruction_certificate (
    id                 UUID          NOT NULL PRIMARY KEY,
    hosted_database_id UUID          NOT NULL UNIQUE REFERENCES hosted_database (id),
    payload            VARCHAR(4000) NOT NULL,
    signature          VARCHAR(200)  NOT NULL,
    key_id             VARCHAR(64)   NOT NULL,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The platform's signing keys, made once: the public key in clear (X.509), the private key
-- (PKCS #8) sealed by the vault under the master key.
CREATE TABLE platform_signing_key (
    name        VARCHAR(60)  NOT NULL PRIMARY KEY,
    algorithm   VARCHAR(20)  NOT NULL,
    key_id      VARCHAR(64)  NOT NULL,
    public_key  BYTEA        NOT NULL,
    private_key BYTEA        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
