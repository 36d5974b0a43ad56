CREATE TABLE orders (
  id INT PRIMARY KEY,
  account_id INT NOT NULL,
  total DECIMAL(10, 2)
);
