-- The admin database's list of tenants and where they live.
CREATE TABLE tenant_catalog (
  tenant_id VARCHAR(128) PRIMARY KEY,
  region VARCHAR(64) NOT NULL,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
