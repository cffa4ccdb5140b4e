-- L10: the notice of a material change of the policy, once per version per person. The row is
-- written in the transaction that queues the mail (or records that the person has no e-mail
-- address), and its primary key keeps a second node or a restart from telling anyone twice.
-- No content: the version, the person, when, and whether a mail was queued.
CREATE TABLE policy_change_notice (
    policy_version_id UUID        NOT NULL REFERENCES policy_version (id),
    subject_id        UUID        NOT NULL,
    noticed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    mailed            BOOLEAN     NOT NULL,
    PRIMARY KEY (policy_version_id, subject_id)
);
