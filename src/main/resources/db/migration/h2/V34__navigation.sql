-- Navigation data from consent.js's first-party beacon (R3.4, L8), never sent to any partner (R1.4).
-- Exempt audience measurement (no consent): no IP address, no cookie; a visitor is a salted hash
-- whose salt changes every day and is forgotten (navigation_salt); the country only, from a truncated
-- address. With consent to audience measurement: what the policy lists (IP address, operating
-- system, browser and version, date and time, referrer, pages viewed), under the consent id, erased
-- when that consent is withdrawn. Raw events kept at most 25 months (retention run, a month
-- at a time: here by batched deletes; on PostgreSQL by dropping monthly partitions). The aggregates
-- hold counts only.
CREATE TABLE navigation_exempt_event (
    view_day DATE         NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    site          VARCHAR(255) NOT NULL,
    page          VARCHAR(512) NOT NULL,
    referrer_host VARCHAR(255),
    entry         BOOLEAN      NOT NULL,
    visitor       VARCHAR(32)  NOT NULL,
    country       VARCHAR(2),
    browser       VARCHAR(64)  NOT NULL,
    os            VARCHAR(64)  NOT NULL
);
CREATE INDEX navigation_exempt_event_by_day ON navigation_exempt_event (view_day);

CREATE TABLE navigation_consented_event (
    view_day DATE         NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    consent_id      UUID         NOT NULL,
    site            VARCHAR(255) NOT NULL,
    page            VARCHAR(512) NOT NULL,
    referrer        VARCHAR(512),
    entry           BOOLEAN      NOT NULL,
    ip_address      VARCHAR(45)  NOT NULL,
    browser         VARCHAR(64)  NOT NULL,
    browser_version VARCHAR(64)  NOT NULL,
    os              VARCHAR(64)  NOT NULL,
    os_version      VARCHAR(64)  NOT NULL
);
CREATE INDEX navigation_consented_event_by_day ON navigation_consented_event (view_day);
CREATE INDEX navigation_consented_event_by_consent ON navigation_consented_event (consent_id);

-- Visitors seen on a day (their daily hash), to count unique visitors; erased with the raw events.
CREATE TABLE navigation_visitor (
    view_day DATE         NOT NULL,
    site    VARCHAR(255) NOT NULL,
    visitor VARCHAR(32)  NOT NULL,
    PRIMARY KEY (view_day, site, visitor)
);

-- Counts per day, site and dimension (day, page, entry, referrer, browser, system, country): no
-- identifier, no address. Kept as statistics.
CREATE TABLE navigation_count (
    view_day DATE         NOT NULL,
    site      VARCHAR(255) NOT NULL,
    dimension VARCHAR(16)  NOT NULL,
    item      VARCHAR(512) NOT NULL,
    views     BIGINT       NOT NULL,
    visits    BIGINT       NOT NULL,
    visitors  BIGINT       NOT NULL,
    PRIMARY KEY (view_day, site, dimension, item)
);

-- The day's salt of the visitor hash; any other day's is deleted as soon as a new day's is made.
CREATE TABLE navigation_salt (
    salt_day DATE           NOT NULL PRIMARY KEY,
    salt VARBINARY(32)  NOT NULL
);
