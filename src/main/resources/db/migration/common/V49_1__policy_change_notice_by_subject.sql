-- A person's policy-change notices go with their erasure (L10, R5.6): found by the person.
CREATE INDEX policy_change_notice_by_subject ON policy_change_notice (subject_id);
