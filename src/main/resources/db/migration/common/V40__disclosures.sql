-- Disclosures to authorities (R6.6): what was asked, on which legal basis, who recorded it, who
-- (another DPO) approved it, and the answer: only the SHA-256 of the package and the hash of its
-- single-use link are kept in clear; the package itself is held encrypted under a key derived
-- from the link (which Charte does not keep) until it is downloaded or the link expires.
CREATE TABLE disclosure_request (
    id                    UUID          NOT NULL PRIMARY KEY,
    authority             VARCHAR(200)  NOT NULL,
    legal_basis           VARCHAR(32)   NOT NULL,
    legal_basis_detail    VARCHAR(300),
    reference             VARCHAR(100)  NOT NULL,
    received_on           DATE          NOT NULL,
    deadline              DATE,
    categories            VARCHAR(1000) NOT NULL,
    do_not_inform         BOOLEAN       DEFAULT FALSE NOT NULL,
    do_not_inform_reason  VARCHAR(500),
    recorded_by           UUID          NOT NULL,
    recorded_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_by           UUID,
    approved_at           TIMESTAMP WITH TIME ZONE,
    grant_id              UUID,
    answered_by           UUID,
    answered_at           TIMESTAMP WITH TIME ZONE,
    answer_sha256         VARCHAR(64),
    link_hash             VARCHAR(64),
    link_expires_at       TIMESTAMP WITH TIME ZONE,
    link_used_at          TIMESTAMP WITH TIME ZONE,
    sealed_answer         BYTEA
);
CREATE UNIQUE INDEX disclosure_request_by_link ON disclosure_request (link_hash);

-- The people a disclosure concerns, and when each was told (never when the request forbids it).
CREATE TABLE disclosure_subject (
    disclosure_id UUID NOT NULL REFERENCES disclosure_request (id),
    subject_id    UUID NOT NULL,
    informed_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (disclosure_id, subject_id)
);
CREATE INDEX disclosure_subject_by_subject ON disclosure_subject (subject_id);
