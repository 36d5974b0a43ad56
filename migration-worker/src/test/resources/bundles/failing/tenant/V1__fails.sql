-- the first script of this bundle fails: nothing of it, nor the schema created for it, may remain
CREATE TABLE accounts (id INT PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);
