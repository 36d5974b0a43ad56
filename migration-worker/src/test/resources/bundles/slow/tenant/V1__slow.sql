CREATE TABLE slow_marker (id INT);
SELECT pg_sleep(60);
