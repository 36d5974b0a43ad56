DROP INDEX idx_shared_audit_tenant;
