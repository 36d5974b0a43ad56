CREATE TABLE region_settings (
  setting_name VARCHAR(128) PRIMARY KEY,
  setting_value VARCHAR(1024)
);
