-- shared reference data of a region
CREATE TABLE neo_tenants (
  tenant_id VARCHAR(128) PRIMARY KEY,
  display_name VARCHAR(200) NOT NULL
);
