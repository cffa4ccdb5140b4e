-- Issue 3, subjects and vault.
--
-- A person's data is sealed in three parts, one per data category of the policy, each under the
-- person's own key: identity (civility, names, birth date), contact (postal addresses, e-mails,
-- phones) and other-information (free text, screened for sensitive data). A reader opens only
-- the parts the decision point allowed. Rows written before this migration hold everything in
-- the identity column (contacts and other_information NULL); they are read as they are.
ALTER TABLE data_subject ADD COLUMN contacts BYTEA;
ALTER TABLE data_subject ADD COLUMN other_information BYTEA;
ALTER TABLE data_subject ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

-- Blind indexes (HMAC-SHA-256 under the vault's index key) of every e-mail, every phone (E.164)
-- and the folded last name of a person: found without any of them stored in clear.
CREATE TABLE subject_lookup (
    subject_id UUID        NOT NULL REFERENCES data_subject (id) ON DELETE CASCADE,
    kind       VARCHAR(10) NOT NULL,
    digest     CHAR(64)    NOT NULL,
    PRIMARY KEY (subject_id, kind, digest)
);
CREATE INDEX subject_lookup_by_digest ON subject_lookup (kind, digest);

INSERT INTO subject_lookup (subject_id, kind, digest)
    SELECT id, 'email', email_index FROM data_subject WHERE email_index IS NOT NULL;
DROP INDEX data_subject_by_email_index;
ALTER TABLE data_subject DROP COLUMN email_index;

-- The vault's own keys (the key of the blind indexes, the key that seals secrets belonging to no
-- person), wrapped by the master key like the persons' data keys, so that a rotation of the master
-- key rewraps them and changes neither an index nor a sealed secret.
CREATE TABLE vault_key (
    name          VARCHAR(40) NOT NULL PRIMARY KEY,
    wrapped_key   BYTEA       NOT NULL,
    master_key_id VARCHAR(16) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A rotation rewraps the keys still wrapped by the previous master key.
CREATE INDEX subject_key_by_master ON subject_key (master_key_id);
