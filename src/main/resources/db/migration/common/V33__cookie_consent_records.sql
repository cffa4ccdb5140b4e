-- The proof of every cookie choice (L3, R9.11): refusals and Global Privacy Control or Do Not Track
-- refusals included. One row per choice posted by consent.js: the random consent id the person's
-- cookie carries (never a person's id), the banner version (a hash of the texts and purposes shown),
-- how the choice was made (banner, settings, gpc, dnt), the site and language, a coarse browser
-- family; no IP address, no raw User-Agent. The server's time. One row per consent purpose.
CREATE TABLE consent_record (
    id             UUID         NOT NULL PRIMARY KEY,
    consent_id     UUID         NOT NULL,
    banner_version VARCHAR(16)  NOT NULL,
    method         VARCHAR(10)  NOT NULL,
    site           VARCHAR(255) NOT NULL,
    language       VARCHAR(2)   NOT NULL,
    browser        VARCHAR(16)  NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX consent_record_by_consent ON consent_record (consent_id, recorded_at);
CREATE INDEX consent_record_by_time ON consent_record (recorded_at);

CREATE TABLE consent_choice (
    record_id UUID        NOT NULL REFERENCES consent_record (id) ON DELETE CASCADE,
    purpose   VARCHAR(64) NOT NULL,
    accepted  BOOLEAN     NOT NULL,
    PRIMARY KEY (record_id, purpose)
);

-- What each banner version showed: its texts and purposes as consent.js received them, so that a
-- version's hash in a proof can be read back as the words the person saw.
CREATE TABLE consent_banner (
    version     VARCHAR(16)   NOT NULL PRIMARY KEY,
    content     VARCHAR(20000) NOT NULL,
    first_served TIMESTAMP WITH TIME ZONE NOT NULL
);
