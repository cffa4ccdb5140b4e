-- The breach register (L6, GDPR Art. 33(5)): every personal-data breach, its 72-hour clock from
-- discovery, its risk assessment and notifications. The texts describe the incident, never the
-- people in it (who they are is found in the audit log, by the compromised actor and a window).
CREATE TABLE breach (
    id                  UUID          NOT NULL PRIMARY KEY,
    title               VARCHAR(200)  NOT NULL,
    discovered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    discovered_how      VARCHAR(4000) NOT NULL,
    nature              VARCHAR(100)  NOT NULL,
    categories          VARCHAR(5100) NOT NULL,
    approximate_people  BIGINT        NOT NULL,
    approximate_records BIGINT        NOT NULL,
    consequences        VARCHAR(4000) NOT NULL,
    measures_taken      VARCHAR(4000) NOT NULL,
    measures_planned    VARCHAR(4000) NOT NULL,
    risk                VARCHAR(10),
    risk_reasons        VARCHAR(4000),
    notified_at         TIMESTAMP WITH TIME ZONE,
    reasons_for_delay   VARCHAR(4000),
    cnil_reference      VARCHAR(100),
    people_told_at      TIMESTAMP WITH TIME ZONE,
    people_told_how     VARCHAR(4000),
    compromised_actor   VARCHAR(100),
    window_from         TIMESTAMP WITH TIME ZONE,
    window_to           TIMESTAMP WITH TIME ZONE,
    near_due_mailed_at  TIMESTAMP WITH TIME ZONE,
    overdue_mailed_at   TIMESTAMP WITH TIME ZONE,
    recorded_by         VARCHAR(100)  NOT NULL,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The scheduled check looks for breaches whose clock runs.
CREATE INDEX breach_by_discovery ON breach (discovered_at);

-- A breach's history: recorded, assessed (each assessment with its reasons), notified (initial,
-- complementary), actor locked, people told. Appended, never changed.
CREATE TABLE breach_step (
    id        UUID          NOT NULL PRIMARY KEY,
    breach_id UUID          NOT NULL REFERENCES breach (id),
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(100)  NOT NULL,
    kind      VARCHAR(40)   NOT NULL,
    risk      VARCHAR(10),
    text      VARCHAR(4000)
);
CREATE INDEX breach_step_by_breach ON breach_step (breach_id, at);
