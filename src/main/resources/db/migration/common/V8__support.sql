-- Support requests (policy §3.2, §6): tickets on every channel and their messages. References,
-- channels, statuses and dates are in clear; the title, every message and every free-text reason
-- are sealed by the vault under the client's key (R8.4).

-- Ticket references (T-2026-000123) come from one counter taken in the ticket's own transaction.
CREATE TABLE ticket_counter (
    name       VARCHAR(20) NOT NULL PRIMARY KEY,
    last_value BIGINT      NOT NULL
);
INSERT INTO ticket_counter (name, last_value) VALUES ('ticket', 0);

CREATE TABLE support_ticket (
    id         UUID         NOT NULL PRIMARY KEY,
    reference  VARCHAR(20)  NOT NULL UNIQUE,
    subject_id UUID         NOT NULL,
    channel    VARCHAR(10)  NOT NULL,
    status     VARCHAR(10)  NOT NULL,
    title      BYTEA,
    opened_on  DATE         NOT NULL,
    opened_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by  VARCHAR(60)  NOT NULL,
    closed_at  TIMESTAMP WITH TIME ZONE,
    closed_by  VARCHAR(60)
);
CREATE INDEX support_ticket_by_subject ON support_ticket (subject_id);

-- Messages: the text sealed; what the sensitive-data screen found recorded as category codes only.
CREATE TABLE ticket_message (
    id          UUID         NOT NULL PRIMARY KEY,
    ticket_id   UUID         NOT NULL REFERENCES support_ticket (id),
    direction   VARCHAR(10)  NOT NULL,
    channel     VARCHAR(10)  NOT NULL,
    body        BYTEA        NOT NULL,
    screened    VARCHAR(200),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(60)  NOT NULL
);
CREATE INDEX ticket_message_by_ticket ON ticket_message (ticket_id);

-- A client's authorisation of a support subcontractor on a ticket (R6.2): the grant it opened.
CREATE TABLE ticket_authorisation (
    id                    UUID          NOT NULL PRIMARY KEY,
    ticket_id             UUID          NOT NULL REFERENCES support_ticket (id),
    subcontractor_user_id UUID          NOT NULL,
    grant_id              UUID          NOT NULL,
    categories            VARCHAR(1000) NOT NULL,
    valid_until           TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by           UUID          NOT NULL,
    recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ticket_authorisation_by_ticket ON ticket_authorisation (ticket_id);

-- A Cloud support staff member's request for security monitoring (R6.3), recorded on the ticket.
CREATE TABLE ticket_monitoring_request (
    id                    UUID  NOT NULL PRIMARY KEY,
    ticket_id             UUID  NOT NULL REFERENCES support_ticket (id),
    hosted_database_id    UUID  NOT NULL,
    subcontractor_user_id UUID  NOT NULL,
    grant_id              UUID  NOT NULL,
    reason                BYTEA NOT NULL,
    valid_until           TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by          UUID  NOT NULL,
    requested_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ticket_monitoring_request_by_ticket ON ticket_monitoring_request (ticket_id);
