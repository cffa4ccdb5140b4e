-- R6.3: a security-monitoring grant names the ticket (support request) it was asked on, as a support
-- subcontractor's grant does, so that closing the ticket ends it. Grants opened before stored none:
-- their ticket is the one their request was recorded on.
UPDATE access_grant SET ticket_ref = (
    SELECT t.reference FROM ticket_monitoring_request r JOIN support_ticket t ON t.id = r.ticket_id WHERE r.grant_id = access_grant.id)
WHERE kind = 'SECURITY_MONITORING' AND ticket_ref IS NULL;

-- Those whose ticket was closed while they still ran end when it closed, by whom closed it (a member of
-- staff; a token is not an account), with the reason closing a ticket gives.
UPDATE access_grant SET
    revoked_at = (SELECT t.closed_at FROM support_ticket t WHERE t.reference = access_grant.ticket_ref),
    revoked_by = (SELECT CASE WHEN t.closed_by LIKE 'staff:%' THEN CAST(SUBSTRING(t.closed_by, 7) AS UUID) END
                  FROM support_ticket t WHERE t.reference = access_grant.ticket_ref),
    revoke_reason = 'support request closed'
WHERE kind = 'SECURITY_MONITORING' AND revoked_at IS NULL
  AND EXISTS (SELECT 1 FROM support_ticket t WHERE t.reference = access_grant.ticket_ref AND t.status = 'CLOSED'
              AND t.closed_at IS NOT NULL AND t.closed_at < access_grant.valid_until);
