-- R6.1: a stamp of each member's grants, changed (to a fresh random value) in the transaction of every
-- grant opened or ended for them. The member's account is read on every request they make; the stamp
-- comes with it, and a node's copy of the member's grants is used only while its stamp is the one just
-- read (JdbcGrants): the grants as of this request, without reading them on every decision. 0: never changed.
ALTER TABLE staff_account ADD COLUMN grants_stamp BIGINT DEFAULT 0 NOT NULL;
