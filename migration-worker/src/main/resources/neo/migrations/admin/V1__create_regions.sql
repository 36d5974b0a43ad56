-- the platform's own bookkeeping in the admin database
CREATE TABLE neo_regions (
  region VARCHAR(63) PRIMARY KEY,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
