-- Key epochs (R8.4): a person's data key is wrapped by the key-encryption key of an epoch, kept in
-- the keystore outside this database; `epoch` names it. A key still wrapped by the master key (an
-- installation from before epochs) has no epoch and its master key's id, until the first rotation
-- of epochs rewraps it.
ALTER TABLE subject_key ADD COLUMN epoch BIGINT;
ALTER TABLE subject_key ALTER COLUMN master_key_id DROP NOT NULL;
CREATE INDEX subject_key_by_epoch ON subject_key (epoch);
