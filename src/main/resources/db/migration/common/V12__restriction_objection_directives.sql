-- Rights the decision point enforces (L5, R1.3, R9.2) and what rectification and death need
-- (R9.1, R9.4). Codes, ids and dates in clear; every free text a person or the DPO writes
-- (a motive, the DPO's reasons, post-mortem directives, a trusted person) sealed by the vault
-- under the person's key, so erasing the person (crypto-shredding) erases them too.

-- One counter for everything that limits processing of a person (restrictions, upheld
-- objections): every change bumps it in its own transaction, so each node of a cluster sees
-- that its in-memory copy is stale by reading this one row, never the tables, per decision.
CREATE TABLE processing_limits_version (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO processing_limits_version (id, version) VALUES (1, 0);

-- Restriction of processing (GDPR Art. 18, limitation du traitement): while lifted_at is null,
-- the decision point refuses any processing of the person's data other than storage and the
-- purposes Art. 18(2) allows. At most one restriction in force per person (checked in code,
-- under the counter's row lock).
CREATE TABLE processing_restriction (
    id            UUID         NOT NULL PRIMARY KEY,
    subject_id    UUID         NOT NULL,
    reason        VARCHAR(40)  NOT NULL,
    reference     VARCHAR(100),
    restricted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    restricted_by VARCHAR(60)  NOT NULL,
    lifted_at     TIMESTAMP WITH TIME ZONE,
    lifted_by     VARCHAR(60),
    lift_reason   VARCHAR(40)
);
CREATE INDEX processing_restriction_by_subject ON processing_restriction (subject_id);

-- Objections (GDPR Art. 21, droit d'opposition): to direct marketing, upheld at once and without
-- motive; to another legitimate-interest purpose, pending with the person's motive (sealed) until
-- the DPO decides, upheld or rejected with reasons (sealed).
CREATE TABLE objection (
    id          UUID         NOT NULL PRIMARY KEY,
    subject_id  UUID         NOT NULL,
    purpose     VARCHAR(64)  NOT NULL,
    kind        VARCHAR(30)  NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    motive      BYTEA,
    reference   VARCHAR(100),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(60)  NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE,
    decided_by  VARCHAR(60),
    reasons     BYTEA
);
CREATE INDEX objection_by_subject ON objection (subject_id);
CREATE INDEX objection_by_status ON objection (status);

-- Recipients told of a rectification, an erasure or a restriction (GDPR Art. 19): one row per
-- recipient (a subcontractor whose users held a grant on the person), with the day it was told.
CREATE TABLE recipient_notice (
    id               UUID         NOT NULL PRIMARY KEY,
    subject_id       UUID         NOT NULL,
    cause            VARCHAR(20)  NOT NULL,
    reference        VARCHAR(100),
    subcontractor_id UUID         NOT NULL REFERENCES subcontractor (id),
    fields           VARCHAR(500),
    told_on          DATE         NOT NULL,
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by      VARCHAR(60)  NOT NULL
);
CREATE INDEX recipient_notice_by_subject ON recipient_notice (subject_id);

-- Post-mortem directives (R9.4, loi 78-17 art. 85, directives particulières): one current
-- version per person (superseded_at null), earlier ones kept as history.
CREATE TABLE post_mortem_directive (
    id            UUID         NOT NULL PRIMARY KEY,
    subject_id    UUID         NOT NULL,
    version       INT          NOT NULL,
    choice        VARCHAR(40)  NOT NULL,
    trusted_party BYTEA,
    text          BYTEA,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by   VARCHAR(60)  NOT NULL,
    superseded_at TIMESTAMP WITH TIME ZONE,
    UNIQUE (subject_id, version)
);

-- A death notified to the controller: the person is deceased from then on (one row per person).
CREATE TABLE death_notification (
    subject_id  UUID         NOT NULL PRIMARY KEY,
    died_on     DATE         NOT NULL,
    source      VARCHAR(30)  NOT NULL,
    directive   VARCHAR(40),
    notified_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(60)  NOT NULL
);

-- What the directives ask once the death is notified, for the rights module to carry out.
CREATE TABLE post_mortem_action (
    id           UUID         NOT NULL PRIMARY KEY,
    subject_id   UUID         NOT NULL,
    kind         VARCHAR(40)  NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    directive_id UUID,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at      TIMESTAMP WITH TIME ZONE,
    done_by      VARCHAR(60)
);
CREATE INDEX post_mortem_action_by_status ON post_mortem_action (status);
