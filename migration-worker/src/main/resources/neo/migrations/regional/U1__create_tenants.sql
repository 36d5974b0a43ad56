DROP TABLE neo_tenants;
