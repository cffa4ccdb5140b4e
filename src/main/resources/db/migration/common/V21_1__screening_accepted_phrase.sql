-- The DPO's accepted false positives of the sensitive-data screen (R3.6): phrases such as
-- "rue des Malades" that hold a listed word but reveal nothing about anyone. A removed phrase
-- stays, with who removed it and why. Actors are typed ids (staff:<uuid>), as in the audit log.
CREATE TABLE screening_accepted_phrase (
    id              UUID          NOT NULL PRIMARY KEY,
    phrase          VARCHAR(200)  NOT NULL,
    folded          VARCHAR(400)  NOT NULL,
    reason          VARCHAR(1000) NOT NULL,
    added_by        VARCHAR(100)  NOT NULL,
    added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    removed_by      VARCHAR(100),
    removed_at      TIMESTAMP WITH TIME ZONE,
    removal_reason  VARCHAR(1000)
);
CREATE INDEX screening_accepted_phrase_by_folded ON screening_accepted_phrase (folded);
