-- How late an ended dossier was, in working days (docs/dossiers.md): from its due day (or, without a due
-- time, from its received day less the procedure's legal limit) to the day its processing ended once the citizen's
-- supplement days are taken off; 0 for one late only by its supplement requests or by hours; null for one on time.
-- Stored with the dossier (dossiers.days_late) beside the on-time answer, when the record arrives and again by a
-- recount, so a list shows and sorts it without counting working days row by row.
CREATE OR REPLACE FUNCTION dossier_days_late(on_time boolean, received_at timestamptz, due_at timestamptz, finished_at timestamptz,
                                             supplement_days integer, legal_days integer)
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN NOT on_time THEN greatest(0, CASE
        WHEN due_at IS NOT NULL THEN
            working_days_between((due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                                 ((finished_at - make_interval(days => supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
        ELSE
            working_days_between((received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                                 ((finished_at - make_interval(days => supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) - legal_days
    END) END
$$;
