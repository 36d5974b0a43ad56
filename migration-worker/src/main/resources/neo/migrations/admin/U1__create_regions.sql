DROP TABLE neo_regions;
