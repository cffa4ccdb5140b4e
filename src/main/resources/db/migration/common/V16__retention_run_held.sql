-- What legal holds kept, per run (R5.6: "the dry run says which records a hold keeps"; holds are
-- listed with their reason and end): one row per record a hold kept in a run, dry or real, written
-- in the batch's own transaction with the run's counts. Ids and codes only, nothing personal: the
-- rule, the kind of record and its id, its person's id, the hold, its kind, reason code and end.
CREATE TABLE retention_run_held (
    run_id      UUID        NOT NULL REFERENCES retention_run (id),
    rule_id     VARCHAR(60) NOT NULL,
    record_type VARCHAR(30) NOT NULL,
    record_id   UUID        NOT NULL,
    subject_id  UUID,
    hold_id     UUID        NOT NULL,
    kind        VARCHAR(30) NOT NULL,
    reason_code VARCHAR(60) NOT NULL,
    ends_on     DATE
);
-- A run's items, read a page at a time in this order.
CREATE INDEX retention_run_held_by_run ON retention_run_held (run_id, rule_id, record_id, hold_id);
