-- R9.4: a death notified waits for the DPO to check its evidence before any irreversible
-- post-mortem action (erasure, communication to the trusted person) is carried out. The evidence
-- is a death certificate's reference or the document itself: sealed under a vault key of the
-- check's own (key id = the check's id); the document's content is deleted once checked, as an
-- identity document's is (L1). The DPO's reasons are sealed too.
CREATE TABLE rights_death_check (
    id                   UUID         NOT NULL PRIMARY KEY,
    subject_id           UUID         NOT NULL,
    died_on              DATE         NOT NULL,
    notified_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR(20)  NOT NULL,
    document             BYTEA,
    document_type        VARCHAR(100),
    document_received_at TIMESTAMP WITH TIME ZONE,
    document_deleted_at  TIMESTAMP WITH TIME ZONE,
    evidence             BYTEA,
    decided_at           TIMESTAMP WITH TIME ZONE,
    decided_by           VARCHAR(60),
    note                 BYTEA
);

CREATE INDEX rights_death_check_by_status ON rights_death_check (status, notified_at);
CREATE INDEX rights_death_check_by_subject ON rights_death_check (subject_id);
