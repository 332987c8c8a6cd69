DROP TABLE monitor_alerts;
DROP TABLE monitor_check_state;
DROP TABLE monitor_samples;
DROP TABLE monitor_thresholds;
