CREATE TABLE order_statuses (
  status VARCHAR(32) PRIMARY KEY,
  description VARCHAR(256) NOT NULL
);
INSERT INTO order_statuses (status, description) VALUES ('open', 'placed, not yet paid');
INSERT INTO order_statuses (status, description) VALUES ('paid', 'paid, not yet shipped');
INSERT INTO order_statuses (status, description) VALUES ('shipped', 'on its way');
