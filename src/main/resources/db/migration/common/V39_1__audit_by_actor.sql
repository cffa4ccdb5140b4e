-- "Whose data did this actor reach between two instants": the people a breach through a
-- compromised account or token concerns (L6, Art. 34).
CREATE INDEX audit_entry_by_actor ON audit_entry (actor, at);
