-- STOP messages received by SMS (R9.9, L9, L5): kept only until the marketing module has recorded
-- the objection, so the event publication registry carries an id and never the number. The sender's
-- number is sealed by the vault, as the SMS outbox seals it; the row is deleted once handled, or
-- after a short time when it never was.
CREATE TABLE sms_inbound (
    id          UUID         NOT NULL PRIMARY KEY,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    sender      BYTEA        NOT NULL
);
CREATE INDEX sms_inbound_received ON sms_inbound (received_at);
