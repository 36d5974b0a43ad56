INSERT INTO accounts (id, name) VALUES (1, 'system');
INSERT INTO audit_log (id, message) VALUES (1, 'seeded; with a semicolon');
