ALTER TABLE tenant_catalog ADD COLUMN plan VARCHAR(32) DEFAULT 'standard';
