-- Indexes on the foreign keys that had none. Deleting an order or a subscription (a retention run
-- erasing inactive clients, R5.3) makes PostgreSQL check that no invoice still refers to it, and
-- an invoice that no litigation still refers to it: without these indexes each deleted row cost a
-- full scan of invoice (or litigation_invoice), so a batch of 1,000 clients took minutes once the
-- table held a few hundred thousand invoices (found by bench/run retention).
CREATE INDEX invoice_by_order ON invoice (order_id);
CREATE INDEX invoice_by_subscription ON invoice (subscription_id);
CREATE INDEX litigation_invoice_by_invoice ON litigation_invoice (invoice_id);
