-- The append-only, hash-chained audit log (R6.5). Each entry's hash covers its content and the
-- previous entry's hash; audit_head holds the chain's last seq and hash, and its row is locked
-- by every append, so several nodes append to one chain. No personal data: ids and codes only.
CREATE TABLE audit_entry (
    seq           BIGINT        NOT NULL PRIMARY KEY,
    id            UUID          NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(100)  NOT NULL,
    action        VARCHAR(100)  NOT NULL,
    purpose       VARCHAR(100),
    resource_type VARCHAR(100)  NOT NULL,
    resource_id   VARCHAR(200),
    subject_id    UUID,
    categories    VARCHAR(2000) NOT NULL,
    outcome       VARCHAR(10)   NOT NULL,
    reason        VARCHAR(500),
    previous_hash CHAR(64)      NOT NULL,
    hash          CHAR(64)      NOT NULL
);

-- "Who reached this person's data": newest first per person.
CREATE INDEX audit_entry_by_subject ON audit_entry (subject_id, seq);

CREATE TABLE audit_head (
    id        INT      NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
