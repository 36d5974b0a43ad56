CREATE TABLE orders (
  id INT PRIMARY KEY,
  account_id INT NOT NULL,
  total DECIMAL(10, 2)
);
-- slow enough that a kill lands in the middle of the run
SELECT pg_sleep(0.1);
