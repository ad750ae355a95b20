-- Once per statement, not per row: a COPY of a million rows moves it once. The upsert survives a
-- test reset that empties every table.
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO data_version VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1;
    RETURN NULL;
END
$$;
