-- Extra headers of a mail (List-Unsubscribe, List-Unsubscribe-Post: RFC 8058, L9), sealed by the
-- vault like the rest of the mail and erased with it once sent: queued with the mail, so a crash
-- between queueing and sending loses none of them.
ALTER TABLE mail_outbox ADD COLUMN headers BYTEA;
