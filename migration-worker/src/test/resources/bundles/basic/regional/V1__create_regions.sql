-- accounts of the tenant
CREATE TABLE accounts (
  id INT PRIMARY KEY,
  name VARCHAR(100) NOT NULL
);
