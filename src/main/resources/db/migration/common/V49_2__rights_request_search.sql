-- The requests list searches the name and e-mail a sender gave through blind indexes (HMAC under the
-- vault's key): one row per word of the name and one for the e-mail, so that no claimant is decrypted
-- to search. Requests recorded before are indexed by a job (search_indexed marks those done).
CREATE TABLE rights_request_search (
    request_id UUID     NOT NULL REFERENCES rights_request (id),
    digest     CHAR(64) NOT NULL,
    PRIMARY KEY (request_id, digest)
);
CREATE INDEX rights_request_search_by_digest ON rights_request_search (digest);
ALTER TABLE rights_request ADD COLUMN search_indexed BOOLEAN DEFAULT FALSE NOT NULL;
