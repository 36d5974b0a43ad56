ALTER TABLE customers ADD COLUMN email VARCHAR(320);
UPDATE customers SET email = 'c' || id || '@example.org';
CREATE UNIQUE INDEX idx_customers_email ON customers (email);
