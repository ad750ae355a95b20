-- A unit is in force in [first_day, last_day] when one of its versions is valid on at least one day of it;
-- it is shown as the latest-starting such version. A plain SQL function: the planner inlines it.
CREATE OR REPLACE FUNCTION units_in_force(first_day date, last_day date)
RETURNS TABLE (unit_id integer, version_id integer, code varchar(32), name_vi text, name_en text,
               level varchar(16), parent_id integer, valid_from date, valid_to date)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT DISTINCT ON (v.unit_id) v.unit_id, v.id, v.code, v.name_vi, v.name_en, v.level, v.parent_id, v.valid_from, v.valid_to
    FROM unit_versions v
    WHERE v.valid_from <= last_day AND (v.valid_to IS NULL OR v.valid_to >= first_day)
    ORDER BY v.unit_id, v.valid_from DESC
$$;
