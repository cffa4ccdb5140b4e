-- Rate limits and client lock-outs shared by every node (issue 16): they lived in each node's memory,
-- so that a client spreading its attempts over several nodes got several times the allowance.
-- A token bucket per limit and client: its tokens and the node clock's time (epoch milliseconds) of
-- their last count. The client is a SHA-256 of the limit's key (an address, a token's name), never the
-- address itself; a row untouched for a whole refill period is a full bucket and is deleted.
CREATE TABLE rate_bucket (
    limit_name VARCHAR(40) NOT NULL,
    client_hash CHAR(64) NOT NULL,
    tokens DOUBLE PRECISION NOT NULL,
    counted_at BIGINT NOT NULL,
    CONSTRAINT rate_bucket_pk PRIMARY KEY (limit_name, client_hash)
);
CREATE INDEX rate_bucket_counted ON rate_bucket (limit_name, counted_at);

-- Failed client sign-ins per hosted database id, known or not (a lock says nothing about existence):
-- five within 15 minutes lock that id for 15 minutes (hosting's ClientAttempts). Deleted on success
-- and once both the window and the lock have passed.
CREATE TABLE client_sign_in_attempt (
    hosted_database_id UUID NOT NULL,
    failures INT NOT NULL,
    first_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE,
    CONSTRAINT client_sign_in_attempt_pk PRIMARY KEY (hosted_database_id)
);
CREATE INDEX client_sign_in_attempt_first ON client_sign_in_attempt (first_failure_at);
