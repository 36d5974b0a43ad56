-- adds e-mail, then fails
ALTER TABLE accounts ADD COLUMN email VARCHAR(200);
INSERT INTO no_such_table (id) VALUES (1);
