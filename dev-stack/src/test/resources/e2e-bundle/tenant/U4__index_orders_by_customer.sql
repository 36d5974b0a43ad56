DROP INDEX idx_orders_customer;
