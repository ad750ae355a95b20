-- A digest of everything the answers stored with each ended dossier (dossiers.on_time, days_late) are computed from
-- besides the record itself: the calendar's exceptions (holidays, swapped working days), each procedure's legal limit,
-- and the text of the three functions that state the rules. A recount keeps, for each month whose ended dossiers it
-- evaluated in full, the digest it evaluated them under (dossier_rule_answers); while the digest is the same, the
-- answers cannot have changed, and the month's evaluation is skipped. Names and anything else the rules do not read are
-- left out, so renaming a holiday re-evaluates nothing. Some hundred rows: well under a millisecond.
CREATE OR REPLACE FUNCTION dossier_rules_digest() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT md5(concat_ws(E'\n',
        (SELECT string_agg(c.day::text || ' ' || c.kind, ',' ORDER BY c.day) FROM calendar_exceptions c),
        (SELECT string_agg(p.code || ' ' || p.legal_days, ',' ORDER BY p.code) FROM procedures p),
        pg_get_functiondef('dossier_on_time'::regproc),
        pg_get_functiondef('dossier_days_late'::regproc),
        pg_get_functiondef('working_days_between'::regproc)))
$$;
