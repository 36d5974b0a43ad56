DROP TABLE shared_audit;
