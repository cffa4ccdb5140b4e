-- The mail outbox's lease, as the SMS outbox has had since V28: claiming a mail counts the attempt
-- and keeps it its sender's until next_attempt_at; another sender (a second node, a retry round
-- racing the sender after the commit) claims only a mail that is due, so two never both send it.
ALTER TABLE mail_outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
UPDATE mail_outbox SET next_attempt_at = created_at;
ALTER TABLE mail_outbox ALTER COLUMN next_attempt_at SET NOT NULL;
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
