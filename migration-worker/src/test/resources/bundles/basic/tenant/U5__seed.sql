-- undo the seed
DELETE FROM audit_log WHERE id = 1;
DELETE FROM accounts WHERE id = 1;
