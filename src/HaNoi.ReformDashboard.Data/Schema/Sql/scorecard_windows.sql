-- The windows of a year a scorecard can ask for (Domain Period): each month, each quarter, each year to date
-- (a whole year is the year to date through December). A test holds every Period to this list.
CREATE OR REPLACE FUNCTION scorecard_windows() RETURNS TABLE (first_month smallint, last_month smallint)
LANGUAGE sql IMMUTABLE AS $$
    SELECT m::smallint, m::smallint FROM generate_series(1, 12) m
    UNION SELECT (q * 3 - 2)::smallint, (q * 3)::smallint FROM generate_series(1, 4) q
    UNION SELECT 1::smallint, l::smallint FROM generate_series(1, 12) l
$$;
