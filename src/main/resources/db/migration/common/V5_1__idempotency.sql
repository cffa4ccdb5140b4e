-- Idempotency-Key: a retried POST returns the first answer instead of creating twice.
CREATE TABLE idempotency_record (
    actor        VARCHAR(100) NOT NULL,
    idem_key     VARCHAR(200) NOT NULL,
    method       VARCHAR(10)  NOT NULL,
    path         VARCHAR(500) NOT NULL,
    body_sha256  CHAR(64)     NOT NULL,
    status       INT,
    content_type VARCHAR(200),
    response     BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (actor, idem_key)
);
