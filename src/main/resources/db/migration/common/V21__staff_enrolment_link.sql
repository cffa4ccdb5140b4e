-- One-time enrolment links (charte staff create-admin): the first administrator of a new database
-- sets their password and enrols their second factor by following it. Only the SHA-256 of the
-- link's secret is kept; a link expires and is used once.
CREATE TABLE staff_enrolment_link (
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    staff_id    UUID         NOT NULL REFERENCES staff_account (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX staff_enrolment_link_by_staff ON staff_enrolment_link (staff_id);
