DROP TABLE tenant_catalog;
