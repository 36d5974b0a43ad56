-- Fails where two customers share a name: the e2e test makes one target like that.
ALTER TABLE customers ADD CONSTRAINT customers_name_unique UNIQUE (name);
