-- Issue 4, retention: runs, proofs of erasure, legal holds, the intermediate archive, and the
-- lock that lets one node of a cluster run each scheduled job. No personal data in any of them:
-- ids, dates, codes, counts, keyed hashes; the archive's contents sealed under a key per entry.

-- A retention run (R5.6): scheduled, from the command line or the API; as of a day; dry or not.
-- A run killed midway stays RUNNING until the next run marks it INTERRUPTED.
CREATE TABLE retention_run (
    id                UUID        NOT NULL PRIMARY KEY,
    as_of             DATE        NOT NULL,
    dry_run           BOOLEAN     NOT NULL,
    run_trigger       VARCHAR(20) NOT NULL,
    status            VARCHAR(12) NOT NULL,
    batch_size        INT         NOT NULL,
    policy_version_id UUID,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP WITH TIME ZONE,
    failure           VARCHAR(200)
);
CREATE INDEX retention_run_by_started ON retention_run (started_at);
CREATE INDEX retention_run_by_status ON retention_run (status);

-- Per run and rule: due when the run began, then what each batch did (updated in the batch's
-- own transaction, so the counts always match the proofs).
CREATE TABLE retention_run_count (
    run_id   UUID        NOT NULL REFERENCES retention_run (id),
    rule_id  VARCHAR(60) NOT NULL,
    position INT         NOT NULL,
    due      BIGINT      NOT NULL,
    erased   BIGINT      NOT NULL,
    records  BIGINT      NOT NULL,
    archived BIGINT      NOT NULL,
    held     BIGINT      NOT NULL,
    skipped  BIGINT      NOT NULL,
    PRIMARY KEY (run_id, rule_id)
);

-- A proof of erasure: which run, which rule, what kind of record, a keyed hash of its id
-- (HMAC under the vault's index key: whoever holds an id and the vault can show it was erased,
-- nobody else learns anything), the day the run counted as, and when. Nothing personal.
CREATE TABLE erasure_proof (
    id          UUID        NOT NULL PRIMARY KEY,
    run_id      UUID        NOT NULL REFERENCES retention_run (id),
    rule_id     VARCHAR(60) NOT NULL,
    record_type VARCHAR(30) NOT NULL,
    record_hash CHAR(64)    NOT NULL,
    as_of       DATE        NOT NULL,
    erased_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX erasure_proof_by_run ON erasure_proof (run_id);
CREATE INDEX erasure_proof_by_hash ON erasure_proof (record_hash);

-- Legal holds (R5.6): a hold on a person keeps everything of theirs; a hold on a record (an
-- invoice) keeps that record, its payments, and the person's identity and contact. Automatic
-- ones come from commerce events (source_type, source_id); manual ones from the DPO. The reason
-- is a code, never free text. Active while not released and, with an end date, until that day.
CREATE TABLE legal_hold (
    id           UUID        NOT NULL PRIMARY KEY,
    kind         VARCHAR(30) NOT NULL,
    subject_id   UUID        NOT NULL,
    record_type  VARCHAR(30),
    record_id    UUID,
    reason_code  VARCHAR(60) NOT NULL,
    placed_on    DATE        NOT NULL,
    ends_on      DATE,
    placed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    placed_by    VARCHAR(60) NOT NULL,
    source_type  VARCHAR(30),
    source_id    UUID,
    released_at  TIMESTAMP WITH TIME ZONE,
    released_by  VARCHAR(60)
);
CREATE INDEX legal_hold_by_subject ON legal_hold (subject_id);
CREATE INDEX legal_hold_by_record ON legal_hold (record_id);
CREATE INDEX legal_hold_by_source ON legal_hold (source_id);

-- The intermediate archive (archivage intermédiaire, L4), apart from the live tables: one entry
-- per record a legal obligation still covers when its person's active period ended. The content
-- (the record and the minimum identity the obligation needs) is sealed under a key of the entry's
-- own (subject_key row keyed by the entry's id), so the person's key can be destroyed; the entry's
-- key is destroyed when it expires. subject_id is the erased person's former id: no row anywhere
-- else names it any more.
CREATE TABLE archive_entry (
    id           UUID         NOT NULL PRIMARY KEY,
    obligations  VARCHAR(200) NOT NULL,
    record_type  VARCHAR(30)  NOT NULL,
    record_id    UUID         NOT NULL,
    subject_id   UUID         NOT NULL,
    categories   VARCHAR(200) NOT NULL,
    record_start DATE         NOT NULL,
    keep_until   DATE         NOT NULL,
    archived_on  DATE         NOT NULL,
    archived_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id       UUID         NOT NULL,
    content      BYTEA        NOT NULL
);
CREATE INDEX archive_entry_by_keep_until ON archive_entry (keep_until, id);
CREATE INDEX archive_entry_by_record ON archive_entry (record_id);

-- ShedLock's table (JdbcTemplateLockProvider): one row per job name; times written by the node
-- from its clock, never the database's.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL,
    locked_by  VARCHAR(255) NOT NULL
);

-- What the retention run pages through, in id order (keyset), in the modules' own tables.
CREATE INDEX data_subject_by_status_id ON data_subject (status, id);
