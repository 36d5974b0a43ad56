CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  customer_id BIGINT NOT NULL REFERENCES customers (id),
  total_cents BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL
);
