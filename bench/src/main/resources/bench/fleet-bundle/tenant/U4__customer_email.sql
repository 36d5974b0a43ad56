DROP INDEX idx_customers_email;
ALTER TABLE customers DROP COLUMN email;
