ALTER TABLE customers DROP CONSTRAINT customers_name_unique;
