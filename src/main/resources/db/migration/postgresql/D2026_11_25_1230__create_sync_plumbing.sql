DROP TABLE applied_ops;
