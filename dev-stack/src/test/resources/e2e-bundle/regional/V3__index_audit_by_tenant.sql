CREATE INDEX idx_shared_audit_tenant ON shared_audit (tenant_id);
