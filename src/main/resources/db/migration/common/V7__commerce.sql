-- The commercial relationship (policy §3.2, §4.1). Ids, dates, amounts, codes and statuses are in
-- clear; everything personal (access code, delivery address, tracking number, card reference,
-- litigation reason) is sealed by the vault under its person's key (R8.4). A person is referred to
-- by id only (no foreign key into the subjects module's tables).

-- Customer account (R3.2): the access code sealed, found through a blind index; the password only
-- as an Argon2id hash.
CREATE TABLE client_account (
    subject_id          UUID        NOT NULL PRIMARY KEY,
    access_code         BYTEA       NOT NULL,
    access_code_index   CHAR(64)    NOT NULL UNIQUE,
    password_hash       VARCHAR(200) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Subscriptions to Gestan Cloud plans: the first makes a person an active client, the end of the
-- last one an inactive client (policy §5).
CREATE TABLE subscription (
    id            UUID        NOT NULL PRIMARY KEY,
    subject_id    UUID        NOT NULL,
    plan_code     VARCHAR(40) NOT NULL,
    subscribed_on DATE        NOT NULL,
    starts_on     DATE        NOT NULL,
    ends_on       DATE,
    terminated_on DATE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX subscription_by_subject ON subscription (subject_id);

CREATE TABLE customer_order (
    id           UUID          NOT NULL PRIMARY KEY,
    subject_id   UUID          NOT NULL,
    ordered_on   DATE          NOT NULL,
    currency     CHAR(3)       NOT NULL,
    total_amount NUMERIC(14,2) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX customer_order_by_subject ON customer_order (subject_id);

CREATE TABLE order_line (
    order_id     UUID          NOT NULL REFERENCES customer_order (id),
    line_no      INT           NOT NULL,
    product_code VARCHAR(40)   NOT NULL,
    quantity     INT           NOT NULL,
    unit_price   NUMERIC(14,2) NOT NULL,
    amount       NUMERIC(14,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- Deliveries and tracking: the address and the tracking number sealed; carrier and status in clear.
CREATE TABLE delivery (
    id              UUID        NOT NULL PRIMARY KEY,
    order_id        UUID        NOT NULL REFERENCES customer_order (id),
    subject_id      UUID        NOT NULL,
    address         BYTEA       NOT NULL,
    carrier         VARCHAR(40) NOT NULL,
    tracking_number BYTEA,
    status          VARCHAR(20) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX delivery_by_order ON delivery (order_id);

-- Invoices, numbered without gaps: the counter is taken in the invoice's own transaction.
CREATE TABLE invoice_counter (
    name       VARCHAR(20) NOT NULL PRIMARY KEY,
    last_value BIGINT      NOT NULL
);
INSERT INTO invoice_counter (name, last_value) VALUES ('invoice', 0);

CREATE TABLE invoice (
    id              UUID          NOT NULL PRIMARY KEY,
    subject_id      UUID          NOT NULL,
    number          VARCHAR(20)   NOT NULL UNIQUE,
    issued_on       DATE          NOT NULL,
    due_on          DATE          NOT NULL,
    currency        CHAR(3)       NOT NULL,
    amount          NUMERIC(14,2) NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    order_id        UUID REFERENCES customer_order (id),
    subscription_id UUID REFERENCES subscription (id),
    unpaid_since    DATE,
    paid_on         DATE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX invoice_by_subject ON invoice (subject_id);

-- Payments (L7): for a card, only the provider's token and the last four digits, sealed, and
-- erased once card_kept_until has passed (13 months after the debit). Never a card number or a CVV.
CREATE TABLE payment (
    id              UUID          NOT NULL PRIMARY KEY,
    invoice_id      UUID          NOT NULL REFERENCES invoice (id),
    subject_id      UUID          NOT NULL,
    paid_on         DATE          NOT NULL,
    currency        CHAR(3)       NOT NULL,
    amount          NUMERIC(14,2) NOT NULL,
    method          VARCHAR(20)   NOT NULL,
    card            BYTEA,
    card_kept_until DATE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_by_invoice ON payment (invoice_id);
CREATE INDEX payment_by_card_kept_until ON payment (card_kept_until);

-- Unpaid invoices and litigation: each raises an event that retention turns into a legal hold.
CREATE TABLE litigation (
    id         UUID        NOT NULL PRIMARY KEY,
    subject_id UUID        NOT NULL,
    opened_on  DATE        NOT NULL,
    reason     BYTEA       NOT NULL,
    closed_on  DATE,
    outcome    VARCHAR(20),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX litigation_by_subject ON litigation (subject_id);

CREATE TABLE litigation_invoice (
    litigation_id UUID NOT NULL REFERENCES litigation (id),
    invoice_id    UUID NOT NULL REFERENCES invoice (id),
    PRIMARY KEY (litigation_id, invoice_id)
);
