-- Issue 5, item 7: rights requests exchanged over OpenDSR 2.0. The rights request itself (claimant
-- sealed, clock, history) is in rights_request, channel API; this keeps what OpenDSR adds: the
-- requester's own subject_request_id, who filed it (a token sees only its own), when the person
-- submitted it and when Charte received it, and a keyed hash (vault blind index) of what was
-- asked, so that the same id again returns the same request and another body with it is refused.
-- Nothing personal in clear: the e-mail is only in the sealed claimant.
CREATE TABLE opendsr_request (
    subject_request_id   UUID         NOT NULL PRIMARY KEY,
    request_id           UUID         NOT NULL UNIQUE REFERENCES rights_request (id),
    requester            VARCHAR(60)  NOT NULL,
    body_hash            CHAR(64)     NOT NULL,
    submitted_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    received_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    property_id          VARCHAR(100),
    status_callback_urls VARCHAR(2600),
    cancelled_time       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX opendsr_request_by_requester ON opendsr_request (requester, received_time);
