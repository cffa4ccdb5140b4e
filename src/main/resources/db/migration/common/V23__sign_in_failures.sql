-- Failed sign-ins on logins that match no account, counted like an account's own (R8.3): after the
-- same number of failures the same lock-out answers, so the sign-in form does not tell which logins
-- exist. Only a keyed hash of the login is kept, never the login typed.
CREATE TABLE sign_in_failure (
    login_hash      CHAR(64) PRIMARY KEY,
    failed_attempts INT NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failure_last ON sign_in_failure (last_failure_at);
