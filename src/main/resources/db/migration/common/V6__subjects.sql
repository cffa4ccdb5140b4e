-- Issue 3, subjects and vault.

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
