DROP TABLE region_settings;
