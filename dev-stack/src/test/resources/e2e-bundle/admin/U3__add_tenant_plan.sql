ALTER TABLE tenant_catalog DROP COLUMN plan;
