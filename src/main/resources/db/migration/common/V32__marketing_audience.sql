-- A campaign's audience (issue 12; R9.9, L2, L4, L5, L9, Art. 18): the facts about each person
-- that a dry run and a sending group by, kept in clear by the marketing module in the transaction
-- that records or rectifies the person's contacts (ContactsRecorded), erased with the person.
-- Nothing personal: keyed hashes (the suppression list's key: the same HMAC as
-- marketing_suppression.address_hash, so SQL can join them), booleans, region and zone codes.

CREATE TABLE marketing_audience (
    subject_id  UUID         NOT NULL PRIMARY KEY,
    has_email   BOOLEAN      NOT NULL,
    has_phone   BOOLEAN      NOT NULL,
    has_address BOOLEAN      NOT NULL,
    -- the IANA zones D223-9's windows are read in (CallerTimeZones), space-separated
    call_zones  VARCHAR(200) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The suppression-keyed hashes of the person's normalised e-mails (kind email) and E.164 phones (kind phone).
CREATE TABLE marketing_audience_hash (
    subject_id   UUID        NOT NULL,
    kind         VARCHAR(8)  NOT NULL,
    address_hash VARCHAR(64) NOT NULL,
    PRIMARY KEY (subject_id, kind, address_hash)
);
CREATE INDEX marketing_audience_hash_by_hash ON marketing_audience_hash (address_hash, kind, subject_id);

-- The person's regions (ISO 3166-2: FR-IDF, FR-20R, FR-RE, ...; 'unknown' when none can be told; FrenchRegions).
CREATE TABLE marketing_audience_region (
    subject_id UUID        NOT NULL,
    region     VARCHAR(10) NOT NULL,
    PRIMARY KEY (subject_id, region)
);
CREATE INDEX marketing_audience_region_by_region ON marketing_audience_region (region, subject_id);

-- The people recorded before this migration, whose facts the application derives once at start
-- (AudienceBackfill: their contacts are sealed, so only the application can read them).
CREATE TABLE marketing_audience_backfill (
    subject_id UUID NOT NULL PRIMARY KEY
);
INSERT INTO marketing_audience_backfill (subject_id) SELECT id FROM data_subject;

-- Marketing's own current values: a person's latest capacity, and their latest choice about calls
-- at other times than D223-9's (V31).
CREATE VIEW marketing_capacity_current AS
    SELECT c.subject_id, c.capacity FROM marketing_capacity c
    WHERE NOT EXISTS (SELECT 1 FROM marketing_capacity l WHERE l.subject_id = c.subject_id
                      AND (l.recorded_at > c.recorded_at OR (l.recorded_at = c.recorded_at AND l.id > c.id)));
CREATE VIEW marketing_call_hours_current AS
    SELECT h.subject_id, h.consented FROM marketing_call_hours h
    WHERE NOT EXISTS (SELECT 1 FROM marketing_call_hours l WHERE l.subject_id = h.subject_id
                      AND (l.recorded_at > h.recorded_at OR (l.recorded_at = h.recorded_at AND l.id > h.id)));

-- Read-only views of other modules' notions, as their code defines them (the rule of what each
-- means stays with its module; the audience reads them only through these views):
-- subjects: a person's status and the dates retention counts from (no sealed column);
CREATE VIEW subject_lifecycle AS
    SELECT id AS subject_id, status, last_contact_on, contract_ended_on FROM data_subject;
-- subjects: a death notified (one row per person; withdrawn by deleting it);
CREATE VIEW deceased_subject AS
    SELECT subject_id FROM death_notification;
-- access: a restriction of processing in force (Art. 18) while lifted_at is null;
CREATE VIEW restricted_subject AS
    SELECT DISTINCT subject_id FROM processing_restriction WHERE lifted_at IS NULL;
-- access: retention ended, kept only for the purposes of a legal obligation (L4);
CREATE VIEW obligation_kept_subject AS
    SELECT subject_id FROM kept_for_obligation;
-- retention: a hold on the whole person (no record), not released; in force until ends_on (null: no end);
CREATE VIEW held_subject AS
    SELECT subject_id, ends_on FROM legal_hold WHERE released_at IS NULL AND record_id IS NULL;
-- retention: records of the person in the intermediate archive (L4), until keep_until;
CREATE VIEW archived_subject AS
    SELECT subject_id, keep_until FROM archive_entry;
-- commerce: the plans a person subscribes or subscribed to.
CREATE VIEW subject_plan AS
    SELECT DISTINCT subject_id, plan_code FROM subscription;
