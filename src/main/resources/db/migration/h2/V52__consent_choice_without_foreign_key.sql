-- The choices of the proofs of cookie choices keep no foreign key to their proof (L3, R9.11; issue 13,
-- performance), as on PostgreSQL (postgresql/V52 says why and what keeps the rows together): the two
-- schemas, and the code writing them, stay alike. H2 named the constraint itself, so the table is
-- made again without it, its rows copied.
CREATE TABLE consent_choice_v52 (
    record_id   UUID        NOT NULL,
    purpose     VARCHAR(64) NOT NULL,
    accepted    BOOLEAN     NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (record_id, purpose)
);
INSERT INTO consent_choice_v52 (record_id, purpose, accepted, recorded_at) SELECT record_id, purpose, accepted, recorded_at FROM consent_choice;
DROP TABLE consent_choice;
ALTER TABLE consent_choice_v52 RENAME TO consent_choice;
