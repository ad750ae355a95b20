-- The working days after first_day up to and including last_day (0 when last_day <= first_day): the days a procedure's
-- legal time limit counts. Weekends are not working days; Vietnam's public holidays and swapped working days are
-- added with their data (issue 21). The one definition the derivation, the lists and the lateness use.
CREATE OR REPLACE FUNCTION working_days_between(first_day date, last_day date) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT count(*)::integer
    FROM generate_series(first_day + 1, last_day, interval '1 day') AS d(day)
    WHERE extract(isodow FROM d.day) < 6
$$;
