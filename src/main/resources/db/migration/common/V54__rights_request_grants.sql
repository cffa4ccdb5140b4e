-- R6.1, R9.4: a rights matter the DPO handles on one person (a verified post-mortem request, a death
-- notified whose evidence is to be checked) opens the DPO's grant on that person, as a support request
-- opens a subcontractor's. The grant names what opened it, so that its end (the request closed, the
-- check decided) ends the grant, as ticket_ref does for a support request. Charte opens it by itself
-- when no member of staff did (a code checked, a death notified): then it has no grantor.
ALTER TABLE access_grant ADD COLUMN rights_ref VARCHAR(100);
CREATE INDEX access_grant_by_rights_ref ON access_grant (rights_ref);
ALTER TABLE access_grant ALTER COLUMN granted_by DROP NOT NULL;
