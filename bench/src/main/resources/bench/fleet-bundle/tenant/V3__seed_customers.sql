INSERT INTO customers (id, name) SELECT g, 'customer ' || g FROM generate_series(1, 200) AS g;
INSERT INTO orders (id, customer_id, total) SELECT g, 1 + (g % 200), g * 1.5 FROM generate_series(1, 500) AS g;
