-- The audit log becomes tamper-evident: each row records the portal session and the client's address
-- it came from, and its link in an HMAC-SHA256 chain keyed outside the database (AuditChain). The rows
-- already here are chained once by AuditChainMigration, in this migration's transaction.
ALTER TABLE audit_log ADD COLUMN session TEXT;
ALTER TABLE audit_log ADD COLUMN address TEXT;
ALTER TABLE audit_log ADD COLUMN chain TEXT;
CREATE INDEX audit_log_actor ON audit_log (actor, at);
