-- working_days_between as the migration DossierFigures made it: weekends only (Holidays replaces it).
CREATE OR REPLACE FUNCTION working_days_between(first_day date, last_day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT count(*)::integer
    FROM generate_series(first_day + 1, last_day, interval '1 day') AS d(day)
    WHERE extract(isodow FROM d.day) < 6
$$;
