-- A fixed-term subscription that runs out is announced once (ContractTerminated, as of its end date),
-- so its hosted database's destruction is scheduled 30 days later like after a termination (R5.5).
ALTER TABLE subscription ADD COLUMN end_announced BOOLEAN DEFAULT FALSE NOT NULL;
