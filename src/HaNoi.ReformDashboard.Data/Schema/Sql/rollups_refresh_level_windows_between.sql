-- A unit's versions decide which units a window counts and at which level: every window overlapping the months a
-- changed version covers (before or after the change), for every indicator, within the years with figures.
CREATE OR REPLACE FUNCTION rollups_refresh_level_windows_between(first_day date, last_day date)
RETURNS void LANGUAGE sql AS $$
    SELECT rollups_refresh_level_windows(array_agg(i.id), array_agg(mo.period::date))
    -- No figures, no row (greatest and least would pass over NULL bounds: an endless series).
    FROM (SELECT make_date(min(year), 1, 1) AS first_year, make_date(max(year), 12, 1) AS last_year
          FROM unit_month_figures HAVING count(*) > 0) y
    CROSS JOIN LATERAL generate_series(greatest(date_trunc('month', first_day)::date, y.first_year),
                                       least(last_day, y.last_year), interval '1 month') mo(period)
    CROSS JOIN indicators i;
$$;
