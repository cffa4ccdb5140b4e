-- The SMS outbox (R9.9, L9): every SMS Charte sends is queued here in the caller's transaction, its
-- number and text sealed by the vault and erased once the SMSC took it. Retries wait next_attempt_at.
CREATE TABLE sms_outbox (
    id              UUID         NOT NULL PRIMARY KEY,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    recipient       BYTEA,
    body            BYTEA,
    attempts        INT          DEFAULT 0 NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    smsc_message_id VARCHAR(65),
    last_error      VARCHAR(200),
    delivery_state  VARCHAR(20),
    delivered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX sms_outbox_due ON sms_outbox (sent_at, next_attempt_at);

-- The SMSC's id of each part of a sent SMS (a long one travels in several): delivery receipts name them.
CREATE TABLE sms_outbox_part (
    sms_id          UUID         NOT NULL REFERENCES sms_outbox (id),
    part            INT          NOT NULL,
    smsc_message_id VARCHAR(65)  NOT NULL,
    delivery_state  VARCHAR(20),
    PRIMARY KEY (sms_id, part)
);
CREATE INDEX sms_outbox_part_smsc ON sms_outbox_part (smsc_message_id);
