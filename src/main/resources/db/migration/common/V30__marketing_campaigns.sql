-- Marketing campaigns (R9.9, R9.10, R4.2, L9): what a role named by the policy defines and sends.
-- The templates are the vendor's texts, not anyone's data; the segment is stored as codes.
CREATE TABLE marketing_campaign (
    id                 UUID          NOT NULL PRIMARY KEY,
    name               VARCHAR(200)  NOT NULL,
    purpose            VARCHAR(64)   NOT NULL,
    channel            VARCHAR(8)    NOT NULL,
    subject_fr         VARCHAR(200),
    subject_en         VARCHAR(200),
    body_fr            VARCHAR(20000),
    body_en            VARCHAR(20000),
    segment_statuses   VARCHAR(200)  NOT NULL,
    segment_plans      VARCHAR(2000) NOT NULL,
    segment_regions    VARCHAR(2000) NOT NULL,
    segment_capacity   VARCHAR(12),
    last_contact_from  DATE,
    last_contact_to    DATE,
    status             VARCHAR(10)   NOT NULL,
    created_by         VARCHAR(60)   NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    send_started_at    TIMESTAMP WITH TIME ZONE,
    sent_by            VARCHAR(60),
    sent_at            TIMESTAMP WITH TIME ZONE,
    sent_count         BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX marketing_campaign_by_created ON marketing_campaign (created_at);

-- Who was not solicited at the sending, by first exclusion (counts only).
CREATE TABLE marketing_campaign_exclusion (
    campaign_id UUID        NOT NULL REFERENCES marketing_campaign (id),
    exclusion   VARCHAR(30) NOT NULL,
    people      BIGINT      NOT NULL,
    PRIMARY KEY (campaign_id, exclusion)
);

-- One row per person a campaign's message was queued for: a campaign reaches a person once, and a
-- sending that stopped half-way resumes without sending twice. Deleted when the person is erased.
CREATE TABLE marketing_campaign_send (
    campaign_id UUID NOT NULL REFERENCES marketing_campaign (id),
    subject_id  UUID NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (campaign_id, subject_id)
);
CREATE INDEX marketing_campaign_send_by_subject ON marketing_campaign_send (subject_id);
