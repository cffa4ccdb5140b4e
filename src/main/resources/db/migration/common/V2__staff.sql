-- Staff who sign in to the back office; passwords only as Argon2id hashes (R8.3).
CREATE TABLE staff_account (
    id            UUID         NOT NULL PRIMARY KEY,
    login         VARCHAR(100) NOT NULL UNIQUE,
    display_name  VARCHAR(200) NOT NULL,
    role          VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
