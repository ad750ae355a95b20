-- The working days after first_day up to and including last_day (0 when last_day <= first_day): the days a procedure's
-- legal time limit counts. Monday to Friday, less the public holidays, plus the Saturdays and Sundays a swap made
-- working days (calendar_exceptions, from seed-data/holidays.csv; its checks keep holidays on weekdays and working days
-- on weekends, which this arithmetic relies on). The one definition the derivation, the lists and the lateness use;
-- the C# twin is WorkingCalendar.
-- Called once per dossier without a due time over millions of rows: the weekdays in closed form and one index range
-- count on a table of some twenty rows a year, never a series of days. STABLE: it reads a table.
CREATE OR REPLACE FUNCTION working_days_between(first_day date, last_day date) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN last_day > first_day THEN
        -- n = last_day - first_day days, the first of them on weekday s = isodow(first_day) % 7 (0 = Monday): the whole
        -- weeks hold 5 weekdays each, and the n % 7 days left are positions s … s + n % 7 - 1 of a week counted from Monday.
        5 * ((last_day - first_day) / 7)
        + 5 * ((extract(isodow FROM first_day)::integer % 7 + (last_day - first_day) % 7) / 7)
        + least((extract(isodow FROM first_day)::integer % 7 + (last_day - first_day) % 7) % 7, 5)
        - least(extract(isodow FROM first_day)::integer % 7, 5)
        - coalesce((SELECT sum(CASE WHEN c.kind = 'holiday' THEN 1 ELSE -1 END)::integer
                    FROM calendar_exceptions c WHERE c.day > first_day AND c.day <= last_day), 0)
    ELSE 0 END
$$;
