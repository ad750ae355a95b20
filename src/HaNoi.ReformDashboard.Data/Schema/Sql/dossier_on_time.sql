-- Whether an ended dossier was resolved on time (docs/scoring.md "The figures counted from dossiers"):
-- ended on or before its due time once the citizen's supplement days are taken off; without a due time, within the
-- procedure's legal limit in working days; more than one supplement request is late. The one statement of the rule:
-- its answer is stored with each ended dossier (dossiers.on_time) when the record arrives and set again by a recount
-- (the holidays or a legal limit may change it); the counts and the dossier lists read the stored answer. Plain SQL,
-- so the planner inlines it; legal_days is
-- read only where there is no due time (the argument appears once, in that branch).
CREATE OR REPLACE FUNCTION dossier_on_time(received_at timestamptz, due_at timestamptz, finished_at timestamptz,
                                           supplement_requests integer, supplement_days integer, legal_days integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT supplement_requests <= 1 AND CASE
        WHEN due_at IS NOT NULL THEN finished_at - make_interval(days => supplement_days) <= due_at
        ELSE working_days_between((received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                 ((finished_at - make_interval(days => supplement_days)) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) <= legal_days
    END
$$;
